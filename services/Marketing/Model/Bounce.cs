namespace Crm.Marketing.Model;

/// <summary>A mail that did not reach its recipient: refused at send time, or reported later by the mail provider (a DSN).</summary>
public class Bounce
{
    public long Id { get; set; }

    /// <summary>Lower-cased.</summary>
    public required string Email { get; set; }
    public Guid? ContactId { get; set; }
    public Guid? CampaignId { get; set; }
    public Guid? JourneyId { get; set; }
    public string? MessageId { get; set; }
    public BounceKind Kind { get; set; }

    /// <summary><c>Smtp</c> (refused while sending) or <c>Report</c> (POST /bounces).</summary>
    public required string Source { get; set; }
    public string? Detail { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}
