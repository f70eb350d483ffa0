using Crm.Sales.Model;
using FluentValidation;

namespace Crm.Sales.Apis;

/// <param name="Period">month (default) or quarter.</param>
/// <param name="From">First day counted (default: 1 January of this year).</param>
/// <param name="To">Last day counted (default: 31 December of From's year); at most five years after From.</param>
/// <param name="ByOwner">True: a row per owner as well.</param>
public sealed record ForecastQuery(string? Period, DateOnly? From, DateOnly? To, Guid? OwnerId, Guid? TeamId, Guid? PipelineId, bool? ByOwner)
{
    public const int MaxYears = 5;

    public string PeriodOrDefault => Period ?? ForecastPeriod.Month;
}

public sealed class ForecastQueryValidator : AbstractValidator<ForecastQuery>
{
    public ForecastQueryValidator()
    {
        RuleFor(query => query.Period).Must(period => period is null or ForecastPeriod.Month or ForecastPeriod.Quarter)
            .WithMessage("'period' is month or quarter.");
        RuleFor(query => query.To).GreaterThanOrEqualTo(query => query.From).When(query => query.From is not null && query.To is not null);
        RuleFor(query => query.To).Must((query, to) => to!.Value <= query.From!.Value.AddYears(ForecastQuery.MaxYears))
            .When(query => query.From is not null && query.To is not null)
            .WithMessage($"A forecast covers at most {ForecastQuery.MaxYears} years.");
    }
}
