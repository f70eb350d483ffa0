using Crm.Marketing.Model;
using Crm.Marketing.Scoring;
using FluentValidation;

namespace Crm.Marketing.Apis;

/// <param name="Kind">Opened, Clicked, Visited, SurveyAnswered, or Profile.</param>
/// <param name="Match">Behaviour: text the URL must contain, or the survey answer. Profile: region, industry, tier, source or tag.</param>
/// <param name="Value">Profile only: the value the field must have.</param>
public sealed record ScoringRuleRequest(string? Name, string? Kind, string? Match, string? Value, int? Points);

public sealed class ScoringRuleRequestValidator : AbstractValidator<ScoringRuleRequest>
{
    private static readonly string[] Kinds = [.. Enum.GetNames<BehaviourKind>(), LeadScore.ProfileKind];
    private static readonly string[] ProfileFields = ["region", "industry", "tier", "source", "tag"];

    public ScoringRuleRequestValidator()
    {
        RuleFor(request => request.Name).NotEmpty().MaximumLength(200);
        RuleFor(request => request.Kind).NotEmpty().Must(kind => Kinds.Contains(kind)).WithMessage($"Use one of: {string.Join(", ", Kinds)}.");
        RuleFor(request => request.Points).NotNull().InclusiveBetween(-1000, 1000);
        RuleFor(request => request.Match).MaximumLength(500);
        RuleFor(request => request.Value).MaximumLength(200);
        When(request => request.Kind == LeadScore.ProfileKind, () =>
        {
            RuleFor(request => request.Match).Must(field => ProfileFields.Contains(field)).WithMessage($"Use one of: {string.Join(", ", ProfileFields)}.");
            RuleFor(request => request.Value).NotEmpty();
        });
    }
}
