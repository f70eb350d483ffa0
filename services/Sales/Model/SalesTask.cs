namespace Crm.Sales.Model;

/// <summary>Something a user has to do by a time: a call, a meeting, an e-mail or a to-do, possibly about a customer, lead or deal.</summary>
public class SalesTask
{
    public Guid Id { get; set; }
    public SalesTaskKind Kind { get; set; }
    public required string Title { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public Guid AssigneeId { get; set; }
    public Guid? CustomerId { get; set; }
    public Guid? LeadId { get; set; }
    public Guid? OpportunityId { get; set; }
    public SalesTaskStatus Status { get; set; }

    /// <summary>Planned from the customer's tier cadence; re-planned when the tier changes or someone talks to the customer.</summary>
    public bool IsFollowUp { get; set; }

    /// <summary>When <c>FollowUpDue</c> was published for the due day; once per task.</summary>
    public DateTimeOffset? DueNotifiedAt { get; set; }

    /// <summary>When <c>FollowUpDue</c> (overdue) was published; once per task.</summary>
    public DateTimeOffset? OverdueNotifiedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's row version (<c>xmin</c>): the ETag.</summary>
    public uint Version { get; set; }
}
