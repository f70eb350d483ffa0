namespace Crm.Support.Model;

/// <summary>The customer service's value tier (<c>CustomerTierChanged</c>); it picks the SLA policy of a customer's tickets.</summary>
public enum CustomerTier
{
    General,
    Potential,
    HighValue,
}
