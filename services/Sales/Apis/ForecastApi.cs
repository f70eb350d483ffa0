using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Apis;

/// <summary>The sales forecast over the deals the caller may see, in decimal arithmetic throughout (no rounding drift).</summary>
public static class ForecastApi
{
    public static RouteGroupBuilder MapForecastApi(this RouteGroupBuilder sales)
    {
        sales.MapGet("/forecast", GetForecast)
            .WithTags("Forecast")
            .WithValidation<ForecastQuery>()
            .WithSummary("Closed-won, commit, best case, pipeline and weighted pipeline per month or quarter and currency, optionally per owner.");
        return sales;
    }

    public static async Task<Ok<ForecastResponse>> GetForecast(
        [AsParameters] ForecastQuery query, CurrentUser caller, SalesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = query.From ?? new DateOnly(today.Year, 1, 1);
        var to = query.To ?? new DateOnly(from.Year, 12, 31);
        var byOwner = query.ByOwner == true;
        var deals = db.VisibleOpportunities(caller).OwnedBy(db, query.OwnerId, query.TeamId);
        if (query.PipelineId is { } pipelineId)
        {
            deals = deals.Where(o => o.PipelineId == pipelineId);
        }

        // One pass over the deals joined to their (few) stages, grouped by owner only when asked: each deal's own
        // probability (the override, or else the stage's) is summed in the database.
        var openInRange = deals.Where(o => o.Status == OpportunityStatus.Open && o.ExpectedCloseDate >= from && o.ExpectedCloseDate <= to);
        var open = await (
                from o in openInRange
                join stage in db.Stages on o.StageId equals stage.Id
                group new { o.Amount, AmountTimesPercent = o.Amount * (o.ProbabilityOverride ?? stage.Probability) }
                    by new { o.ExpectedCloseDate.Year, o.ExpectedCloseDate.Month, o.Currency, OwnerId = byOwner ? o.OwnerId : (Guid?)null, stage.ForecastCategory }
                into g
                select new
                {
                    g.Key.Year,
                    g.Key.Month,
                    g.Key.Currency,
                    g.Key.OwnerId,
                    g.Key.ForecastCategory,
                    Count = g.Count(),
                    Amount = g.Sum(x => x.Amount),
                    AmountTimesPercent = g.Sum(x => x.AmountTimesPercent),
                })
            .ToListAsync(cancellationToken);

        var wonFrom = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var wonBefore = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var won = await deals.Where(o => o.Status == OpportunityStatus.Won && o.WonAt >= wonFrom && o.WonAt < wonBefore)
            .GroupBy(o => new { o.WonAt!.Value.Year, o.WonAt!.Value.Month, o.Currency, OwnerId = byOwner ? o.OwnerId : (Guid?)null })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Currency, g.Key.OwnerId, Count = g.Count(), Amount = g.Sum(o => o.Amount) })
            .ToListAsync(cancellationToken);

        var period = query.PeriodOrDefault;
        var rows = open.Select(g => (Key: Key(g.Year, g.Month, g.Currency, g.OwnerId), g.ForecastCategory, g.Count, g.Amount, g.AmountTimesPercent, Won: false))
            .Concat(won.Select(g => (Key: Key(g.Year, g.Month, g.Currency, g.OwnerId), ForecastCategory: ForecastCategory.Closed, g.Count, g.Amount, AmountTimesPercent: 0m, Won: true)))
            .GroupBy(row => row.Key)
            .Select(group =>
            {
                var closedWon = group.Where(row => row.Won).Sum(row => row.Amount);
                var openRows = group.Where(row => !row.Won).ToList();
                var commit = closedWon + openRows.Where(row => row.ForecastCategory == ForecastCategory.Commit).Sum(row => row.Amount);
                var bestCase = commit + openRows.Where(row => row.ForecastCategory == ForecastCategory.BestCase).Sum(row => row.Amount);
                return new ForecastRow(group.Key.Start, ForecastPeriod.Label(group.Key.Start, period), group.Key.Currency, group.Key.OwnerId, closedWon, commit, bestCase, openRows.Sum(row => row.Amount),
                    openRows.Sum(row => row.AmountTimesPercent) / 100m, group.Where(row => row.Won).Sum(row => row.Count), openRows.Sum(row => row.Count));
            })
            .OrderBy(row => row.PeriodStart).ThenBy(row => row.Currency, StringComparer.Ordinal).ThenBy(row => row.OwnerId)
            .ToList();
        return TypedResults.Ok(new ForecastResponse(period, from, to, rows));

        (DateOnly Start, string Currency, Guid? OwnerId) Key(int year, int month, string currency, Guid? ownerId) =>
            (ForecastPeriod.StartOf(new DateOnly(year, month, 1), period), currency, ownerId);
    }
}
