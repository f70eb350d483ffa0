namespace Crm.Contracts.Support;

/// <summary>
/// A ticket's SLA target is close: the policy's warning share of its working time has passed. For notifications to
/// the assignee and team (a later notification service).
/// </summary>
/// <param name="Target">FirstResponse or Resolution.</param>
public sealed record TicketSlaWarning(
    Guid TicketId,
    Guid CustomerId,
    string Target,
    DateTimeOffset DueAt,
    Guid? TeamId,
    Guid? AssigneeId,
    DateTimeOffset OccurredAt);
