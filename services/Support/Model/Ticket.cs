namespace Crm.Support.Model;

public class Ticket
{
    public Guid Id { get; set; }

    /// <summary>The customer service's id; it exists in this service's copy when the ticket is created.</summary>
    public Guid CustomerId { get; set; }

    public required string Subject { get; set; }
    public required string Description { get; set; }
    public TicketCategory Category { get; set; }
    public TicketPriority Priority { get; set; }
    public TicketChannel Channel { get; set; }
    public TicketStatus Status { get; set; } = TicketStatus.New;

    /// <summary>The team whose queue holds the ticket: its agents see and work it.</summary>
    public Guid? TeamId { get; set; }

    /// <summary>The support agent or lead working the ticket.</summary>
    public Guid? AssigneeId { get; set; }

    /// <summary>The user who created it, or null for an integration client.</summary>
    public Guid? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When support first replied publicly; internal notes do not count.</summary>
    public DateTimeOffset? FirstResponseAt { get; set; }

    /// <summary>The latest resolution; cleared when the ticket is reopened.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>PostgreSQL's row version (<c>xmin</c>): the ETag, so a stale edit is refused instead of overwriting.</summary>
    public uint Version { get; set; }
}
