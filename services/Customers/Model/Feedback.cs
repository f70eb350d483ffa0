namespace Crm.Customers.Model;

/// <summary>Praise, a suggestion or a complaint; open complaints weigh on the churn risk.</summary>
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
}
