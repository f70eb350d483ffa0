using Crm.Sales.Model;

namespace Crm.Sales.Apis;

public sealed record TaskResponse(
    Guid Id,
    SalesTaskKind Kind,
    string Title,
    string? Notes,
    DateTimeOffset DueAt,
    Guid AssigneeId,
    Guid? CustomerId,
    Guid? LeadId,
    Guid? OpportunityId,
    SalesTaskStatus Status,
    bool IsFollowUp,
    DateTimeOffset? CompletedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TaskResponse From(SalesTask task) => new(task.Id, task.Kind, task.Title, task.Notes, task.DueAt, task.AssigneeId,
        task.CustomerId, task.LeadId, task.OpportunityId, task.Status, task.IsFollowUp, task.CompletedAt, task.CreatedAt, task.UpdatedAt);
}
