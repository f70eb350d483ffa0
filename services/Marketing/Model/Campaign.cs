namespace Crm.Marketing.Model;

public class Campaign
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid TemplateId { get; set; }
    public Guid SegmentId { get; set; }

    /// <summary>Contacts in these segments are left out even when they are in <see cref="SegmentId"/>.</summary>
    public List<Guid> ExcludedSegmentIds { get; set; } = [];

    public required string FromAddress { get; set; }
    public required string FromName { get; set; }
    public CampaignStatus Status { get; set; }

    /// <summary>Messages per minute at most.</summary>
    public int RatePerMinute { get; set; }
    public DateTimeOffset? ScheduledAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public Guid? CreatedBy { get; set; }

    /// <summary>True once the recipient rows exist; they are written once, when the campaign first starts sending.</summary>
    public bool RecipientsQueued { get; set; }

    /// <summary>PostgreSQL's row version (<c>xmin</c>): the ETag. The sender's status changes move it too, so an edit based on an older state is stale.</summary>
    public uint Version { get; set; }
}
