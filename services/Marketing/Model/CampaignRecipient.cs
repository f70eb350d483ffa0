namespace Crm.Marketing.Model;

/// <summary>
/// One contact of one campaign; unique per (campaign, contact), which is what makes "one message each" hold however
/// often the campaign is started, resumed or its sender restarted.
/// </summary>
public class CampaignRecipient
{
    public long Id { get; set; }
    public Guid CampaignId { get; set; }
    public Guid ContactId { get; set; }
    public RecipientStatus Status { get; set; }

    /// <summary>Fixed when the row is written and sent as the Message-Id header, so the outcome of a send can be traced.</summary>
    public required string MessageId { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? Detail { get; set; }
}
