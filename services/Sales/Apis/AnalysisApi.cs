using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Apis;

/// <summary>
/// Lost deals, the stage funnel, win rates and cycle times, over the deals the caller may see: a rep analyses their
/// own, a manager the team's, an administrator everyone's.
/// </summary>
public static class AnalysisApi
{
    private const string None = "(none)";

    public static RouteGroupBuilder MapAnalysisApi(this RouteGroupBuilder sales)
    {
        var api = sales.MapGroup("/analysis").WithTags("Analysis");
        api.MapGet("/lost-deals", LostDeals).WithValidation<AnalysisQuery>()
            .WithSummary("Deals lost in the period by reason, by the stage they were lost at and by competitor, with amounts per currency.");
        api.MapGet("/funnel", Funnel).WithValidation<AnalysisQuery>()
            .WithSummary("Of the deals created in the period, how many reached each stage of the pipeline, and the conversion to the next.");
        api.MapGet("/win-rates", WinRates).WithValidation<AnalysisQuery>()
            .WithSummary("Deals closed in the period: won, lost, win rate and average days to win, by source and by owner.");
        return sales;
    }

    public static async Task<Ok<LostDealsResponse>> LostDeals(
        [AsParameters] AnalysisQuery query, CurrentUser caller, SalesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (from, to, start, end) = query.Range(clock);
        var lost = await db.VisibleOpportunities(caller).OwnedBy(db, query.OwnerId, query.TeamId)
            .Where(o => o.Status == OpportunityStatus.Lost && o.LostAt >= start && o.LostAt < end)
            .Select(o => new
            {
                o.LostReason,
                o.Competitor,
                o.Currency,
                o.Amount,
                // The stage the deal was in before the lost one.
                LostAtStage = db.StageVisits.Where(v => v.OpportunityId == o.Id && v.LeftAt != null)
                    .OrderByDescending(v => v.EnteredAt).ThenByDescending(v => v.Id).Select(v => v.StageName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var byReason = Group(lost, deal => deal.LostReason, deal => deal.Currency, deal => deal.Amount);
        var byStage = Group(lost, deal => deal.LostAtStage, deal => deal.Currency, deal => deal.Amount);
        var byCompetitor = Group(lost, deal => deal.Competitor, deal => deal.Currency, deal => deal.Amount);
        return TypedResults.Ok(new LostDealsResponse(from, to, lost.Count, byReason, byStage, byCompetitor));
    }

    public static async Task<Results<Ok<FunnelResponse>, NotFound>> Funnel(
        [AsParameters] AnalysisQuery query, CurrentUser caller, SalesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (from, to, start, end) = query.Range(clock);
        var pipeline = await db.Pipelines.AsNoTracking().Include(p => p.Stages)
            .FirstOrDefaultAsync(p => query.PipelineId == null ? p.IsDefault : p.Id == query.PipelineId, cancellationToken);
        if (pipeline is null)
        {
            return TypedResults.NotFound();
        }

        // The funnel's steps: open stages in order, then won; lost is where deals leave it.
        var steps = pipeline.Stages.Where(s => s.Kind != StageKind.Lost).OrderBy(s => s.Kind == StageKind.Won).ThenBy(s => s.Position).ToList();
        var stepOf = steps.Select((stage, index) => (stage.Id, index)).ToDictionary(step => step.Id, step => step.index);
        var visited = await db.VisibleOpportunities(caller).OwnedBy(db, query.OwnerId, query.TeamId)
            .Where(o => o.PipelineId == pipeline.Id && o.CreatedAt >= start && o.CreatedAt < end)
            .SelectMany(o => db.StageVisits.Where(v => v.OpportunityId == o.Id).Select(v => new { v.OpportunityId, v.StageId }))
            .ToListAsync(cancellationToken);
        var furthest = visited.Where(visit => stepOf.ContainsKey(visit.StageId))
            .GroupBy(visit => visit.OpportunityId)
            .Select(deal => deal.Max(visit => stepOf[visit.StageId]));
        var reached = Ratios.ReachedAtLeast(furthest, steps.Count);
        var stages = steps.Select((stage, index) => new FunnelStage(stage.Id, stage.Name, stage.Kind, reached[index],
            index + 1 < steps.Count ? Ratios.Rate(reached[index + 1], reached[index]) : null)).ToList();
        return TypedResults.Ok(new FunnelResponse(pipeline.Id, from, to, stages));
    }

    public static async Task<Ok<WinRatesResponse>> WinRates(
        [AsParameters] AnalysisQuery query, CurrentUser caller, SalesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (from, to, start, end) = query.Range(clock);
        var closed = await ClosedDeals(db.VisibleOpportunities(caller).OwnedBy(db, query.OwnerId, query.TeamId), start, end)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new WinRatesResponse(from, to,
            WinRateGroups(closed, deal => deal.Source ?? None),
            WinRateGroups(closed, deal => deal.OwnerId.ToString())));
    }

    /// <summary>Deals won or lost within [start, end).</summary>
    public static IQueryable<ClosedDeal> ClosedDeals(IQueryable<Opportunity> deals, DateTimeOffset start, DateTimeOffset end) =>
        deals.Where(o => (o.Status == OpportunityStatus.Won && o.WonAt >= start && o.WonAt < end) ||
                         (o.Status == OpportunityStatus.Lost && o.LostAt >= start && o.LostAt < end))
            .Select(o => new ClosedDeal(o.OwnerId, o.Source, o.Status == OpportunityStatus.Won, o.Amount, o.Currency, o.CreatedAt, o.WonAt));

    private static List<WinRateGroup> WinRateGroups(List<ClosedDeal> closed, Func<ClosedDeal, string> key) =>
        [.. closed.GroupBy(key).OrderBy(group => group.Key, StringComparer.Ordinal).Select(group =>
        {
            var won = group.Where(deal => deal.Won).ToList();
            var lost = group.Count() - won.Count;
            var cycleDays = won.Sum(deal => (decimal)(deal.WonAt!.Value - deal.CreatedAt).TotalDays);
            return new WinRateGroup(group.Key, won.Count, lost, Ratios.Rate(won.Count, group.Count()), Ratios.Average(cycleDays, won.Count));
        })];

    private static List<LostGroup> Group<T>(List<T> deals, Func<T, string?> key, Func<T, string> currency, Func<T, decimal> amount) =>
        [.. deals.GroupBy(deal => key(deal) ?? None)
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new LostGroup(group.Key, group.Count(), Totals(group, currency, amount)))];

    public static IReadOnlyList<MoneyTotal> Totals<T>(IEnumerable<T> items, Func<T, string> currency, Func<T, decimal> amount) =>
        [.. items.GroupBy(currency).OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => new MoneyTotal(group.Key, group.Sum(amount)))];
}

public sealed record ClosedDeal(Guid OwnerId, string? Source, bool Won, decimal Amount, string Currency, DateTimeOffset CreatedAt, DateTimeOffset? WonAt);
