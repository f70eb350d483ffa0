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
            .WithSummary("Backlog, first-response and resolution times (average, p90), SLA compliance, CSAT and tickets per category over a period. Leads get their team's.")
            .RequireRoles(CrmRoles.Administrator, CrmRoles.SupportLead);
        return app;
    }

    public static async Task<Ok<MetricsResponse>> GetMetrics(
        [AsParameters] MetricsQuery query, CurrentUser caller, SupportDbContext db, MetricsQueries figures, CancellationToken cancellationToken)
    {
        var from = query.From!.Value.ToUniversalTime();
        var to = query.To!.Value.ToUniversalTime();
        var team = caller.IsInRole(CrmRoles.Administrator) ? query.TeamId : caller.TeamId ?? Guid.Empty;
        var surveys = db.SatisfactionSurveys.AsNoTracking();
        if (team is { } teamId)
        {
            surveys = surveys.Where(survey => survey.TeamId == teamId);
        }

        var backlog = await figures.BacklogAsync(team, cancellationToken);
        var created = await figures.CreatedAsync(from, to, team, cancellationToken);
        var resolved = await figures.ResolvedAsync(from, to, team, cancellationToken);
        var byCategory = await figures.CreatedByCategoryAsync(from, to, query.IntervalOrDefault, team, cancellationToken);
        var ratings = await surveys.Where(survey => survey.AnsweredAt >= from && survey.AnsweredAt < to)
            .GroupBy(survey => 1)
            .Select(group => new { Count = group.Count(), Average = group.Average(survey => (double)survey.Rating!.Value) })
            .FirstOrDefaultAsync(cancellationToken);
        var categoryNames = await db.TicketCategories.AsNoTracking().ToDictionaryAsync(c => c.Key, c => c.Name, cancellationToken);

        var firstResponse = Compliance(created.FirstResponseTargets, created.FirstResponseMet);
        var resolution = Compliance(created.ResolutionTargets, created.ResolutionMet);
        return TypedResults.Ok(new MetricsResponse(
            from,
            to,
            team,
            [.. backlog.OrderBy(b => b.Status).ThenByDescending(b => b.Priority).Select(b => new BacklogCount(b.Status, b.Priority, b.Count))],
            Rounded(created.FirstResponse),
            Rounded(resolved),
            new SlaCompliance(firstResponse, resolution, Compliance(firstResponse.Targets + resolution.Targets, firstResponse.Met + resolution.Met)),
            new CsatSummary(ratings?.Count ?? 0, ratings is null ? null : Math.Round(ratings.Average, 2)),
            [.. byCategory
                .OrderBy(row => row.PeriodStart).ThenBy(row => row.Category, StringComparer.Ordinal)
                .Select(row => new CategoryCount(row.PeriodStart, row.Category, categoryNames.GetValueOrDefault(row.Category, row.Category), row.Count))]));
    }

    private static DurationStats Rounded(MetricsQueries.Durations durations) => durations.Count == 0
        ? new DurationStats(0, null, null)
        : new DurationStats(durations.Count, Math.Round(durations.AverageMinutes!.Value, 1), Math.Round(durations.P90Minutes!.Value, 1));

    private static ComplianceCount Compliance(int targets, int met) =>
        new(targets, met, targets == 0 ? null : Math.Round(100.0 * met / targets, 1));
}
