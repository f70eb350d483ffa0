namespace Crm.Customers.Model.Valuation;

public enum ValueTier
{
    HighValue,
    Potential,
    General,
}
