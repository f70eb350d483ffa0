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

        var countedPipeline = query.PipelineId ?? OpportunityMonthTotal.AllPipelines;
        var totals = db.VisibleMonthTotals(caller).Where(total => total.PipelineId == countedPipeline).OwnedBy(db, query.OwnerId, query.TeamId);

        // Whole months from the month totals; a month the range cuts (from after its first day, to before its last) from
        // its deals, so any range stays exact.
        var firstWholeMonth = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var wholeMonthsUntil = new DateOnly(to.Year, to.Month, 1).AddMonths(to.AddDays(1).Day == 1 ? 1 : 0);
        IReadOnlyList<ForecastCell> cells = firstWholeMonth < wholeMonthsUntil
            ?
            [
                .. await ForecastCells.FromMonthTotalsAsync(totals, firstWholeMonth, wholeMonthsUntil, byOwner, cancellationToken),
                .. await ForecastCells.FromDealsAsync(db, deals, from, firstWholeMonth.AddDays(-1), byOwner, cancellationToken),
                .. await ForecastCells.FromDealsAsync(db, deals, wholeMonthsUntil, to, byOwner, cancellationToken),
            ]
            : await ForecastCells.FromDealsAsync(db, deals, from, to, byOwner, cancellationToken);

        var period = query.PeriodOrDefault;
        var rows = cells
            .GroupBy(cell => (Start: ForecastPeriod.StartOf(cell.Month, period), cell.Currency, cell.OwnerId))
            .Select(group =>
            {
                var closedWon = group.Where(cell => cell.Won).Sum(cell => cell.Amount);
                var openCells = group.Where(cell => !cell.Won).ToList();
                var commit = closedWon + openCells.Where(cell => cell.Category == ForecastCategory.Commit).Sum(cell => cell.Amount);
                var bestCase = commit + openCells.Where(cell => cell.Category == ForecastCategory.BestCase).Sum(cell => cell.Amount);
                return new ForecastRow(group.Key.Start, ForecastPeriod.Label(group.Key.Start, period), group.Key.Currency, group.Key.OwnerId, closedWon, commit, bestCase, openCells.Sum(cell => cell.Amount),
                    openCells.Sum(cell => cell.AmountTimesPercent) / 100m, group.Where(cell => cell.Won).Sum(cell => cell.Count), openCells.Sum(cell => cell.Count));
            })
            .OrderBy(row => row.PeriodStart).ThenBy(row => row.Currency, StringComparer.Ordinal).ThenBy(row => row.OwnerId)
            .ToList();
        return TypedResults.Ok(new ForecastResponse(period, from, to, rows));
    }
}
