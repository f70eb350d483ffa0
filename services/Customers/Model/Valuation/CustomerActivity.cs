namespace Crm.Customers.Model.Valuation;

/// <summary>Active while the customer bought or was in touch within the dormancy window; dormant after it.</summary>
public enum CustomerActivity
{
    Active,
    Dormant,
}
