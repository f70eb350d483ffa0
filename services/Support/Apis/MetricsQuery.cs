using FluentValidation;

namespace Crm.Support.Apis;

/// <param name="From">Start of the period (inclusive): tickets created, resolved or rated from then on.</param>
/// <param name="To">End of the period (exclusive).</param>
/// <param name="Interval">week (ISO weeks from Monday, UTC) or month: the buckets of the tickets-created series.</param>
/// <param name="TeamId">Only this team's tickets; a lead always gets its own team's.</param>
/// <param name="AgentId">Only the tickets assigned to this support agent or lead.</param>
/// <param name="Category">Only tickets of this category key.</param>
public sealed record MetricsQuery(DateTimeOffset? From, DateTimeOffset? To, string? Interval, Guid? TeamId, Guid? AgentId = null, string? Category = null)
{
    public static readonly string[] Intervals = ["week", "month"];

    public string IntervalOrDefault => Interval ?? "week";
}

public sealed class MetricsQueryValidator : AbstractValidator<MetricsQuery>
{
    public MetricsQueryValidator()
    {
        RuleFor(query => query.From).NotNull();
        RuleFor(query => query.To).NotNull().GreaterThan(query => query.From).When(query => query.From is not null);
        RuleFor(query => query).Must(query => query.From is null || query.To is null || query.To - query.From <= TimeSpan.FromDays(366 * 2))
            .WithName("to").WithMessage("A period is at most two years.");
        RuleFor(query => query.Interval).Must(interval => interval is null || MetricsQuery.Intervals.Contains(interval))
            .WithMessage("'interval' is week or month.");
        RuleFor(query => query.Category).MaximumLength(Model.TicketCategory.MaxKeyLength);
    }
}
