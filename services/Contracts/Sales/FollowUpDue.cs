namespace Crm.Contracts.Sales;

/// <summary>
/// A follow-up task with a customer has come due (<paramref name="Overdue"/> false, on its due day) or has passed its
/// due time without being done (<paramref name="Overdue"/> true). Each is published once per task; notification
/// channels remind the assignee.
/// </summary>
public sealed record FollowUpDue(
    Guid TaskId,
    Guid CustomerId,
    Guid AssigneeId,
    string Kind,
    string Title,
    DateTimeOffset DueAt,
    bool Overdue,
    DateTimeOffset OccurredAt);
