using FluentValidation;

namespace Crm.Support.Apis;

/// <param name="GroupBy">agent, team, category or customer.</param>
/// <param name="From">Answers from this instant (inclusive).</param>
/// <param name="To">Answers before this instant.</param>
public sealed record SatisfactionStatsQuery(string? GroupBy, DateTimeOffset? From, DateTimeOffset? To, Guid? TeamId)
{
    public static readonly string[] Groupings = ["agent", "team", "category", "customer"];
}

public sealed class SatisfactionStatsQueryValidator : AbstractValidator<SatisfactionStatsQuery>
{
    public SatisfactionStatsQueryValidator()
    {
        RuleFor(query => query.GroupBy).NotEmpty().Must(group => group is null || SatisfactionStatsQuery.Groupings.Contains(group))
            .WithMessage($"'groupBy' is one of {string.Join(", ", SatisfactionStatsQuery.Groupings)}.");
        RuleFor(query => query.To).GreaterThan(query => query.From).When(query => query.From is not null && query.To is not null);
    }
}

/// <param name="Key">The agent, team or customer id, or the category name; null for answers without agent or team.</param>
/// <param name="Ratings">How many answers gave 1, 2, 3, 4 and 5.</param>
public sealed record SatisfactionStatsRow(string? Key, int Answers, double Average, int[] Ratings);
