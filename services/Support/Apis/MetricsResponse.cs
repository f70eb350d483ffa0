using Crm.Support.Model;

namespace Crm.Support.Apis;

/// <param name="Backlog">Unresolved tickets now (new, open, pending) by status and priority.</param>
/// <param name="FirstResponse">From creation to the first public reply, for tickets created in the period and answered.</param>
/// <param name="Resolution">From creation to resolution, for tickets resolved in the period.</param>
/// <param name="CreatedByCategory">Tickets created per interval and category (complaints among them).</param>
public sealed record MetricsResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    Guid? TeamId,
    IReadOnlyList<BacklogCount> Backlog,
    DurationStats FirstResponse,
    DurationStats Resolution,
    SlaCompliance Sla,
    CsatSummary Csat,
    IReadOnlyList<CategoryCount> CreatedByCategory);

public sealed record BacklogCount(TicketStatus Status, TicketPriority Priority, int Count);

/// <param name="AverageMinutes">Wall-clock minutes, one decimal; null without tickets.</param>
/// <param name="P90Minutes">
/// The 90th percentile (nearest rank) read from a duration histogram, one decimal: the upper bound of the bucket holding
/// it, so never below the exact value and less than 9.1 % above it (at most 3.75 seconds for very short times).
/// </param>
public sealed record DurationStats(int Count, double? AverageMinutes, double? P90Minutes);

/// <summary>Targets of tickets created in the period whose outcome is known (met, or breached); percentages to one decimal.</summary>
public sealed record SlaCompliance(ComplianceCount FirstResponse, ComplianceCount Resolution, ComplianceCount Overall);

public sealed record ComplianceCount(int Targets, int Met, double? Percent);

/// <param name="Average">Of answers given in the period, two decimals.</param>
public sealed record CsatSummary(int Answers, double? Average);

/// <param name="PeriodStart">The first day of the week (Monday) or month, UTC.</param>
/// <param name="Category">The category's key; <paramref name="CategoryName"/> is its name now, also for periods before a rename.</param>
public sealed record CategoryCount(DateOnly PeriodStart, string Category, string CategoryName, int Count);
