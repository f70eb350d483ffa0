using Crm.Support.Model;
using FluentValidation;

namespace Crm.Support.Apis;

/// <param name="Category">Question when left out.</param>
/// <param name="Priority">Normal when left out.</param>
/// <param name="Channel">Web when left out.</param>
/// <param name="TeamId">The caller's team when left out.</param>
/// <param name="AssigneeId">Left out: an agent creating the ticket takes it, a lead or administrator leaves it in the team's queue.</param>
public sealed record CreateTicketRequest(
    Guid? CustomerId,
    string? Subject,
    string? Description,
    TicketCategory? Category,
    TicketPriority? Priority,
    TicketChannel? Channel,
    Guid? TeamId,
    Guid? AssigneeId) : ITicketFields;

public sealed class CreateTicketRequestValidator : AbstractValidator<CreateTicketRequest>
{
    public CreateTicketRequestValidator()
    {
        Include(new TicketFieldsValidator<CreateTicketRequest>());
        RuleFor(request => request.TeamId).NotEqual(Guid.Empty);
        RuleFor(request => request.AssigneeId).NotEqual(Guid.Empty);
    }
}
