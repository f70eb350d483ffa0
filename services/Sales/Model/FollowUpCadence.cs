namespace Crm.Sales.Model;

/// <summary>The administrator's follow-up rhythm for customers of one value tier (HighValue, Potential, General).</summary>
public class FollowUpCadence
{
    public required string Tier { get; set; }
    public int IntervalDays { get; set; }
}
