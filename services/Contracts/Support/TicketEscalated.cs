namespace Crm.Contracts.Support;

/// <summary>
/// A ticket was escalated after an SLA breach: its priority went up one step (an urgent one stays urgent) and its
/// team's leads are named so a notification service can tell them.
/// </summary>
/// <param name="Priority">The new priority: Low, Normal, High or Urgent.</param>
/// <param name="Reason">What caused it, such as "FirstResponse SLA breached".</param>
/// <param name="TeamLeadIds">The active support leads of the ticket's team (empty when it has none).</param>
public sealed record TicketEscalated(
    Guid TicketId,
    Guid CustomerId,
    string Priority,
    string PreviousPriority,
    string Reason,
    Guid? TeamId,
    Guid? AssigneeId,
    IReadOnlyList<Guid> TeamLeadIds,
    DateTimeOffset OccurredAt);
