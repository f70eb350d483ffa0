using Crm.Support.Model;
using FluentValidation;

namespace Crm.Support.Apis;

/// <param name="TeamId">The team whose queue gets the category's new tickets.</param>
/// <param name="Strategy">RoundRobin or LeastOpen among the team's active support agents.</param>
public sealed record AssignmentRuleRequest(Guid? TeamId, AssignmentStrategy? Strategy);

public sealed class AssignmentRuleRequestValidator : AbstractValidator<AssignmentRuleRequest>
{
    public AssignmentRuleRequestValidator()
    {
        RuleFor(request => request.TeamId).NotEmpty();
        RuleFor(request => request.Strategy).NotNull().IsInEnum();
    }
}

public sealed record AssignmentRuleResponse(string Category, Guid TeamId, AssignmentStrategy Strategy, Guid? LastAssigneeId, DateTimeOffset UpdatedAt)
{
    public static AssignmentRuleResponse From(AssignmentRule rule) => new(rule.Category, rule.TeamId, rule.Strategy, rule.LastAssigneeId, rule.UpdatedAt);
}
