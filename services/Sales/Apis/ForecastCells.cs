using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Apis;

/// <summary>
/// The two sources of a forecast's figures, giving the same cells: the month totals the database keeps (whole months,
/// a few rows per owner and month instead of every deal), and the deals themselves for a month the range covers only
/// in part.
/// </summary>
public static class ForecastCells
{
    /// <param name="firstMonth">The first day of the first whole month counted.</param>
    /// <param name="monthsUntil">The first day of the first month no longer counted.</param>
    public static async Task<IReadOnlyList<ForecastCell>> FromMonthTotalsAsync(
        IQueryable<OpportunityMonthTotal> totals, DateOnly firstMonth, DateOnly monthsUntil, bool byOwner, CancellationToken cancellationToken)
    {
        var inMonths = totals.Where(total => total.Month >= firstMonth && total.Month < monthsUntil);
        if (byOwner)
        {
            // With the pipeline fixed, a row already is one (month, currency, owner, category, status): nothing to group,
            // and no hash table over thousands of numeric sums.
            return await inMonths.Select(total => new ForecastCell(total.Month, total.Currency, total.OwnerId, total.ForecastCategory,
                total.Status == OpportunityStatus.Won, total.DealCount, total.Amount, total.AmountTimesProbability)).ToListAsync(cancellationToken);
        }

        var cells = await inMonths
            .GroupBy(total => new { total.Month, total.Currency, total.ForecastCategory, total.Status })
            .Select(group => new
            {
                group.Key.Month,
                group.Key.Currency,
                group.Key.ForecastCategory,
                group.Key.Status,
                Count = group.Sum(total => total.DealCount),
                Amount = group.Sum(total => total.Amount),
                AmountTimesPercent = group.Sum(total => total.AmountTimesProbability),
            })
            .ToListAsync(cancellationToken);
        return [.. cells.Select(cell => new ForecastCell(cell.Month, cell.Currency, null, cell.ForecastCategory,
            cell.Status == OpportunityStatus.Won, cell.Count, cell.Amount, cell.AmountTimesPercent))];
    }

    /// <summary>Open deals closing, and deals won (UTC), from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static async Task<IReadOnlyList<ForecastCell>> FromDealsAsync(
        SalesDbContext db, IQueryable<Opportunity> deals, DateOnly first, DateOnly last, bool byOwner, CancellationToken cancellationToken)
    {
        if (first > last)
        {
            return [];
        }

        // Joined to the (few) stages for the category and the probability of deals without an override.
        var open = await (
                from o in deals.Where(o => o.Status == OpportunityStatus.Open && o.ExpectedCloseDate >= first && o.ExpectedCloseDate <= last)
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

        var wonFrom = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var wonBefore = new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var won = await deals.Where(o => o.Status == OpportunityStatus.Won && o.WonAt >= wonFrom && o.WonAt < wonBefore)
            .GroupBy(o => new { o.WonAt!.Value.Year, o.WonAt!.Value.Month, o.Currency, OwnerId = byOwner ? o.OwnerId : (Guid?)null })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Currency, g.Key.OwnerId, Count = g.Count(), Amount = g.Sum(o => o.Amount) })
            .ToListAsync(cancellationToken);

        return
        [
            .. open.Select(g => new ForecastCell(new DateOnly(g.Year, g.Month, 1), g.Currency, g.OwnerId, g.ForecastCategory, false, g.Count, g.Amount, g.AmountTimesPercent)),
            .. won.Select(g => new ForecastCell(new DateOnly(g.Year, g.Month, 1), g.Currency, g.OwnerId, ForecastCategory.Closed, true, g.Count, g.Amount, 0m)),
        ];
    }
}
