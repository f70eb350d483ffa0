namespace Crm.Contracts.Support;

/// <summary>A ticket was resolved (it may be resolved again after a reopen).</summary>
/// <param name="TimeToResolve">From creation to this resolution, wall-clock time.</param>
public sealed record TicketResolved(
    Guid TicketId,
    Guid CustomerId,
    string Category,
    string Priority,
    Guid? TeamId,
    Guid? AssigneeId,
    DateTimeOffset ResolvedAt,
    TimeSpan TimeToResolve);
