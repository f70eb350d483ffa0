using Crm.Sales.Model;

namespace Crm.Sales.Apis;

public sealed record MoneyTotal(string Currency, decimal Amount);

/// <summary>Deals lost in the period, grouped three ways.</summary>
public sealed record LostDealsResponse(DateOnly From, DateOnly To, int Count, IReadOnlyList<LostGroup> ByReason, IReadOnlyList<LostGroup> ByStage,
    IReadOnlyList<LostGroup> ByCompetitor);

/// <param name="Key">The reason, the stage the deal was lost at, or the competitor ("(none)" when not named).</param>
public sealed record LostGroup(string Key, int Count, IReadOnlyList<MoneyTotal> Amounts);

/// <param name="Reached">Deals created in the period that got at least this far.</param>
/// <param name="ConversionToNext">Of those, the share that reached the next stage (null for the last).</param>
public sealed record FunnelStage(Guid StageId, string Name, StageKind Kind, int Reached, decimal? ConversionToNext);

public sealed record FunnelResponse(Guid PipelineId, DateOnly From, DateOnly To, IReadOnlyList<FunnelStage> Stages);

/// <param name="Key">The source ("(none)" when not set) or the owner's id.</param>
/// <param name="WinRate">Won ÷ (won + lost), four places.</param>
/// <param name="AverageCycleDays">Days from creation to winning, over the won deals.</param>
public sealed record WinRateGroup(string Key, int Won, int Lost, decimal? WinRate, decimal? AverageCycleDays);

public sealed record WinRatesResponse(DateOnly From, DateOnly To, IReadOnlyList<WinRateGroup> BySource, IReadOnlyList<WinRateGroup> ByOwner);

/// <param name="Attainment">Won revenue ÷ quota, per currency with a quota.</param>
public sealed record RepPerformance(
    Guid UserId,
    string DisplayName,
    int Won,
    int Lost,
    decimal? WinRate,
    IReadOnlyList<MoneyTotal> WonRevenue,
    IReadOnlyList<MoneyTotal> AverageDealSize,
    int ActivitiesCompleted,
    IReadOnlyList<MoneyTotal> Quota,
    IReadOnlyList<MoneyTotal> Attainment);

public sealed record TeamPerformanceResponse(DateOnly From, DateOnly To, IReadOnlyList<RepPerformance> Reps);
