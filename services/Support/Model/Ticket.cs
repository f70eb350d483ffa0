namespace Crm.Support.Model;

public class Ticket
{
    public Guid Id { get; set; }

    /// <summary>The customer service's id; it exists in this service's copy when the ticket is created.</summary>
    public Guid CustomerId { get; set; }

    /// <summary>
    /// The person who asked: a person customer linked to the ticket's company, or the individual customer itself;
    /// null when nobody in particular.
    /// </summary>
    public Guid? ContactId { get; set; }

    public required string Subject { get; set; }
    public required string Description { get; set; }
    /// <summary>The <see cref="TicketCategory.Key"/>.</summary>
    public required string Category { get; set; }
    public TicketPriority Priority { get; set; }
    public TicketChannel Channel { get; set; }
    public TicketStatus Status { get; set; } = TicketStatus.New;

    /// <summary>Normalised (<see cref="TicketTags"/>), distinct and in order.</summary>
    public List<string> Tags { get; set; } = [];

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

    /// <summary>The SLA policy the targets come from; null when no policy covers the customer's tier.</summary>
    public Guid? SlaPolicyId { get; set; }

    /// <summary>The calendar the targets are counted on (the policy's, when they were planned).</summary>
    public Guid? SlaCalendarId { get; set; }

    public TimeSpan? FirstResponseTarget { get; set; }
    public TimeSpan? ResolutionTarget { get; set; }
    public DateTimeOffset? FirstResponseDueAt { get; set; }

    /// <summary>Null while the resolution clock is stopped (waiting on the customer, resolved) or without a target.</summary>
    public DateTimeOffset? ResolutionDueAt { get; set; }

    /// <summary>Since when the resolution clock is stopped; null while it runs.</summary>
    public DateTimeOffset? SlaPausedAt { get; set; }

    /// <summary>Working time the resolution clock stood still so far; it extends the resolution due time.</summary>
    public TimeSpan SlaPausedWork { get; set; }

    public DateTimeOffset? FirstResponseBreachedAt { get; set; }
    public DateTimeOffset? ResolutionBreachedAt { get; set; }

    /// <summary>PostgreSQL's row version (<c>xmin</c>): the ETag, so a stale edit is refused instead of overwriting.</summary>
    public uint Version { get; set; }
}
