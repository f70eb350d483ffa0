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
        [AsParameters] MetricsQuery query, CurrentUser caller, SupportDbContext db, CancellationToken cancellationToken)
    {
        var from = query.From!.Value.ToUniversalTime();
        var to = query.To!.Value.ToUniversalTime();
        var team = caller.IsInRole(CrmRoles.Administrator) ? query.TeamId : caller.TeamId ?? Guid.Empty;
        var tickets = db.Tickets.AsNoTracking();
        var surveys = db.SatisfactionSurveys.AsNoTracking();
        if (team is { } teamId)
        {
            tickets = tickets.Where(ticket => ticket.TeamId == teamId);
            surveys = surveys.Where(survey => survey.TeamId == teamId);
        }

        var backlog = await tickets
            .Where(ticket => ticket.Status == TicketStatus.New || ticket.Status == TicketStatus.Open || ticket.Status == TicketStatus.Pending)
            .GroupBy(ticket => new { ticket.Status, ticket.Priority })
            .Select(group => new { group.Key.Status, group.Key.Priority, Count = group.Count() })
            .ToListAsync(cancellationToken);

        var created = await tickets.Where(ticket => ticket.CreatedAt >= from && ticket.CreatedAt < to)
            .Select(ticket => new
            {
                ticket.CreatedAt,
                ticket.Category,
                ticket.FirstResponseAt,
                ticket.FirstResponseDueAt,
                ticket.FirstResponseBreachedAt,
                ticket.ResolutionTarget,
                ticket.ResolvedAt,
                ticket.ResolutionBreachedAt,
            })
            .ToListAsync(cancellationToken);
        var resolutionTimes = await tickets.Where(ticket => ticket.ResolvedAt >= from && ticket.ResolvedAt < to)
            .Select(ticket => new { ticket.CreatedAt, ResolvedAt = ticket.ResolvedAt!.Value })
            .ToListAsync(cancellationToken);
        var ratings = await surveys.Where(survey => survey.AnsweredAt >= from && survey.AnsweredAt < to)
            .Select(survey => survey.Rating!.Value)
            .ToListAsync(cancellationToken);

        var categoryNames = await db.TicketCategories.AsNoTracking().ToDictionaryAsync(c => c.Key, c => c.Name, cancellationToken);
        var firstResponseTargets = created.Where(t => t.FirstResponseDueAt is not null && (t.FirstResponseAt is not null || t.FirstResponseBreachedAt is not null)).ToList();
        var firstResponse = Compliance(firstResponseTargets.Count,
            firstResponseTargets.Count(t => t.FirstResponseBreachedAt is null && t.FirstResponseAt <= t.FirstResponseDueAt));
        var resolutionTargets = created.Where(t => t.ResolutionTarget is not null && (t.ResolvedAt is not null || t.ResolutionBreachedAt is not null)).ToList();
        var resolution = Compliance(resolutionTargets.Count, resolutionTargets.Count(t => t.ResolutionBreachedAt is null));

        return TypedResults.Ok(new MetricsResponse(
            from,
            to,
            team,
            [.. backlog.OrderBy(b => b.Status).ThenByDescending(b => b.Priority).Select(b => new BacklogCount(b.Status, b.Priority, b.Count))],
            Durations([.. created.Where(t => t.FirstResponseAt is not null).Select(t => t.FirstResponseAt!.Value - t.CreatedAt)]),
            Durations([.. resolutionTimes.Select(t => t.ResolvedAt - t.CreatedAt)]),
            new SlaCompliance(firstResponse, resolution, Compliance(firstResponse.Targets + resolution.Targets, firstResponse.Met + resolution.Met)),
            new CsatSummary(ratings.Count, ratings.Count == 0 ? null : Math.Round(ratings.Average(), 2)),
            [.. created
                .GroupBy(t => (Period: PeriodStart(t.CreatedAt, query.IntervalOrDefault), t.Category))
                .OrderBy(group => group.Key.Period).ThenBy(group => group.Key.Category)
                .Select(group => new CategoryCount(group.Key.Period, group.Key.Category, categoryNames.GetValueOrDefault(group.Key.Category, group.Key.Category), group.Count()))]));
    }

    /// <summary>Average and 90th percentile (nearest rank: the smallest value with at least 90% of values at or below it).</summary>
    public static DurationStats Durations(IReadOnlyList<TimeSpan> durations)
    {
        if (durations.Count == 0)
        {
            return new DurationStats(0, null, null);
        }

        var sorted = durations.Select(d => d.TotalMinutes).Order().ToList();
        var rank = (int)Math.Ceiling(0.9 * sorted.Count);
        return new DurationStats(sorted.Count, Math.Round(sorted.Average(), 1), Math.Round(sorted[rank - 1], 1));
    }

    private static ComplianceCount Compliance(int targets, int met) =>
        new(targets, met, targets == 0 ? null : Math.Round(100.0 * met / targets, 1));

    private static DateOnly PeriodStart(DateTimeOffset instant, string interval)
    {
        var day = DateOnly.FromDateTime(instant.UtcDateTime);
        return interval == "month"
            ? new DateOnly(day.Year, day.Month, 1)
            : day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }
}
