namespace Crm.Support.Model;

/// <summary>The satisfaction survey sent when a ticket is resolved; answered at most once, through its signed link.</summary>
public class SatisfactionSurvey
{
    public Guid Id { get; set; }
    public Guid TicketId { get; set; }
    public Guid CustomerId { get; set; }

    /// <summary>Who had the ticket, its team and category when it was resolved: what the answer is counted for.</summary>
    public Guid? AgentId { get; set; }

    public Guid? TeamId { get; set; }
    public required string Category { get; set; }

    /// <summary>Where the survey mail goes; null when the customer has no e-mail address (the link is still kept).</summary>
    public string? SentTo { get; set; }

    public required string Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? MailSentAt { get; set; }
    public int? Rating { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
}
