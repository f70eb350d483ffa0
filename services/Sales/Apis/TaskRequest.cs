using Crm.Sales.Model;
using FluentValidation;

namespace Crm.Sales.Apis;

/// <summary>A task's fields on create and update (a full replacement).</summary>
/// <param name="AssigneeId">Default: the caller. Someone else follows the owner rule of deals.</param>
/// <param name="Status">Open (default), Done or Cancelled. Completing a follow-up counts as talking to the customer: the next one is planned.</param>
public sealed record TaskRequest(
    SalesTaskKind? Kind,
    string? Title,
    string? Notes,
    DateTimeOffset? DueAt,
    Guid? AssigneeId,
    Guid? CustomerId,
    Guid? LeadId,
    Guid? OpportunityId,
    SalesTaskStatus? Status);

public sealed class TaskRequestValidator : AbstractValidator<TaskRequest>
{
    public TaskRequestValidator()
    {
        RuleFor(request => request.Kind).NotNull().IsInEnum();
        RuleFor(request => request.Title).NotEmpty().MaximumLength(200);
        RuleFor(request => request.Notes).MaximumLength(4000);
        RuleFor(request => request.DueAt).NotNull();
        RuleFor(request => request.AssigneeId).NotEqual(Guid.Empty);
        RuleFor(request => request.CustomerId).NotEqual(Guid.Empty);
        RuleFor(request => request.LeadId).NotEqual(Guid.Empty);
        RuleFor(request => request.OpportunityId).NotEqual(Guid.Empty);
        RuleFor(request => request.Status).IsInEnum();
    }
}
