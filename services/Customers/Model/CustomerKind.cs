namespace Crm.Customers.Model;

/// <summary>A company (an account, B2B) or a person (a contact or an individual B2C customer).</summary>
public enum CustomerKind
{
    Company,
    Person,
}
