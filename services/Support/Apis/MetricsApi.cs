using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using Crm.Support.Infrastructure;
using Crm.Support.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Apis;

/// <summary>Service-quality figures for dashboards.</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{SupportApi.Prefix}/metrics", GetMetrics)
            .WithTags("Metrics")
            .WithValidation<MetricsQuery>()
            .WithSummary("Backlog, first-response and resolution times (average, p90 within 9.1 %), SLA compliance, CSAT and tickets per category over a period, for everyone, a team, an agent or a category. Leads get their team's.")
            .RequireRoles(CrmRoles.Administrator, CrmRoles.SupportLead);
        return app;
    }

    public static async Task<Ok<MetricsResponse>> GetMetrics(
        [AsParameters] MetricsQuery query, CurrentUser caller, SupportDbContext db, MetricsQueries figures, CancellationToken cancellationToken)
    {
        var from = query.From!.Value.ToUniversalTime();
        var to = query.To!.Value.ToUniversalTime();
        var team = caller.IsInRole(CrmRoles.Administrator) ? query.TeamId : caller.TeamId ?? Guid.Empty;
        var filter = new MetricsFilter(team, query.AgentId, query.Category);
        var surveys = db.SatisfactionSurveys.AsNoTracking();
        if (team is { } teamId)
        {
            surveys = surveys.Where(survey => survey.TeamId == teamId);
        }

        if (query.AgentId is { } agentId)
        {
            surveys = surveys.Where(survey => survey.AgentId == agentId);
        }

        if (query.Category is { } category)
        {
            surveys = surveys.Where(survey => survey.Category == category);
        }

        var backlog = await figures.BacklogAsync(filter, cancellationToken);
        var period = await figures.PeriodAsync(from, to, filter, query.IntervalOrDefault, cancellationToken);
        // One group or none: read as a list, since a row limit without an order is what EF Core warns about.
        var ratings = (await surveys.Where(survey => survey.AnsweredAt >= from && survey.AnsweredAt < to)
            .GroupBy(survey => 1)
            .Select(group => new { Count = group.Count(), Average = group.Average(survey => (double)survey.Rating!.Value) })
            .ToListAsync(cancellationToken)).SingleOrDefault();
        var categoryNames = await db.TicketCategories.AsNoTracking().ToDictionaryAsync(c => c.Key, c => c.Name, cancellationToken);

        var firstResponse = Compliance(period.FirstResponseTargets, period.FirstResponseMet);
        var resolution = Compliance(period.ResolutionTargets, period.ResolutionMet);
        return TypedResults.Ok(new MetricsResponse(
            from,
            to,
            team,
            [.. backlog.OrderBy(b => b.Status).ThenByDescending(b => b.Priority).Select(b => new BacklogCount(b.Status, b.Priority, b.Count))],
            Durations(period.FirstResponses, period.FirstResponseMilliseconds, period.FirstResponseHistogram),
            Durations(period.Resolved, period.ResolutionMilliseconds, period.ResolutionHistogram),
            new SlaCompliance(firstResponse, resolution, Compliance(firstResponse.Targets + resolution.Targets, firstResponse.Met + resolution.Met)),
            new CsatSummary(ratings?.Count ?? 0, ratings is null ? null : Math.Round(ratings.Average, 2)),
            [.. period.CreatedByCategory
                .Where(row => row.Value != 0)
                .OrderBy(row => row.Key.PeriodStart).ThenBy(row => row.Key.Category, StringComparer.Ordinal)
                .Select(row => new CategoryCount(row.Key.PeriodStart, row.Key.Category, categoryNames.GetValueOrDefault(row.Key.Category, row.Key.Category), row.Value))]));
    }

    /// <summary>The average is exact (to the millisecond); the p90 is the upper bound of its histogram bucket.</summary>
    private static DurationStats Durations(int count, long milliseconds, int[] histogram) => count == 0
        ? new DurationStats(0, null, null)
        : new DurationStats(count, Math.Round(milliseconds / 60_000.0 / count, 1), Math.Round(DurationHistogram.PercentileMinutes(histogram, 0.9)!.Value, 1));

    private static ComplianceCount Compliance(int targets, int met) =>
        new(targets, met, targets == 0 ? null : Math.Round(100.0 * met / targets, 1));
}
