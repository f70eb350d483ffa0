namespace Crm.Sales.Model;

/// <summary>One hand-off from marketing: the lead's score history.</summary>
public class LeadHandOff
{
    public long Id { get; set; }
    public Guid LeadId { get; set; }
    public int Score { get; set; }
    public List<string> Reasons { get; set; } = [];
    public Guid? CampaignId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}
