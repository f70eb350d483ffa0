using FluentValidation;

namespace Crm.Sales.Apis;

/// <param name="From">First day (default: 1 January of this year).</param>
/// <param name="To">Last day (default: 31 December of From's year); at most five years after From.</param>
/// <param name="PipelineId">For the funnel: the pipeline (default: the default pipeline).</param>
public sealed record AnalysisQuery(DateOnly? From, DateOnly? To, Guid? OwnerId, Guid? TeamId, Guid? PipelineId)
{
    public (DateOnly From, DateOnly To, DateTimeOffset Start, DateTimeOffset End) Range(TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = From ?? new DateOnly(today.Year, 1, 1);
        var to = To ?? new DateOnly(from.Year, 12, 31);
        return (from, to, new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }
}

public sealed class AnalysisQueryValidator : AbstractValidator<AnalysisQuery>
{
    public AnalysisQueryValidator()
    {
        RuleFor(query => query.To).GreaterThanOrEqualTo(query => query.From).When(query => query.From is not null && query.To is not null);
        RuleFor(query => query.To).Must((query, to) => to!.Value <= query.From!.Value.AddYears(ForecastQuery.MaxYears))
            .When(query => query.From is not null && query.To is not null)
            .WithMessage($"An analysis covers at most {ForecastQuery.MaxYears} years.");
    }
}
