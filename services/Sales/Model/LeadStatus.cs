namespace Crm.Sales.Model;

/// <summary>Where a lead stands; converted is final.</summary>
public enum LeadStatus
{
    New,
    Contacted,
    Qualified,
    Disqualified,
    Converted,
}
