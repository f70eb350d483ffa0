namespace Crm.Customers.Model;

/// <summary>
/// Praise, a suggestion, a complaint or a survey answer; open complaints and low ratings weigh on the churn risk. Support
/// tickets of the complaint category are complaints here too, open until the ticket is resolved.
/// </summary>
public class Feedback
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public FeedbackKind Kind { get; set; }

    /// <summary>1 (very unhappy) to 5 (very happy), when the customer gave one.</summary>
    public int? Rating { get; set; }

    public required string Text { get; set; }
    public FeedbackStatus Status { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public Guid? RecordedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>What another service's event this came from (<c>support-ticket:&lt;id&gt;</c>, <c>support-survey:&lt;id&gt;</c>), recorded once.</summary>
    public string? SourceReference { get; set; }
}
