namespace Crm.Contracts.Support;

/// <summary>
/// A ticket missed an SLA target (detected by support's durable timers within seconds of the deadline). The customer
/// service shows it on the customer's timeline; the ticket is escalated at the same time (<see cref="TicketEscalated"/>).
/// </summary>
/// <param name="Target">FirstResponse or Resolution.</param>
/// <param name="Priority">The priority when the target was missed, before the escalation raised it.</param>
public sealed record TicketSlaBreached(
    Guid TicketId,
    Guid CustomerId,
    string Target,
    DateTimeOffset DueAt,
    string Priority,
    Guid? TeamId,
    Guid? AssigneeId,
    DateTimeOffset BreachedAt);
