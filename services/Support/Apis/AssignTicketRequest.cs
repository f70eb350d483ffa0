using FluentValidation;

namespace Crm.Support.Apis;

/// <param name="AssigneeId">Who works the ticket; null leaves it unassigned in its team's queue.</param>
/// <param name="TeamId">
/// The team whose queue holds it. With an assignee it is the assignee's team (naming another is a 400); without one,
/// null keeps the current team.
/// </param>
public sealed record AssignTicketRequest(Guid? AssigneeId, Guid? TeamId);

public sealed class AssignTicketRequestValidator : AbstractValidator<AssignTicketRequest>
{
    public AssignTicketRequestValidator()
    {
        RuleFor(request => request.AssigneeId).NotEqual(Guid.Empty);
        RuleFor(request => request.TeamId).NotEqual(Guid.Empty);
    }
}
