namespace Crm.Customers.Model;

/// <summary>A contact with the customer someone wants the team to know about.</summary>
public class Interaction
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public InteractionKind Kind { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Summary { get; set; }

    /// <summary>The user who had the interaction (or logged it).</summary>
    public Guid? UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
