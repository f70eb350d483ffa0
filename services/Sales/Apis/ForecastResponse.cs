namespace Crm.Sales.Apis;

public sealed record ForecastResponse(string Period, DateOnly From, DateOnly To, IReadOnlyList<ForecastRow> Rows);

/// <summary>One period in one currency (never added across currencies), optionally for one owner.</summary>
/// <param name="ClosedWon">Deals won in the period (by won date).</param>
/// <param name="Commit">Closed-won plus open deals in commit stages closing in the period.</param>
/// <param name="BestCase">Commit plus open deals in best-case stages.</param>
/// <param name="Pipeline">Every open deal closing in the period.</param>
/// <param name="WeightedPipeline">Σ amount × probability of the open deals closing in the period.</param>
public sealed record ForecastRow(
    DateOnly PeriodStart,
    string Label,
    string Currency,
    Guid? OwnerId,
    decimal ClosedWon,
    decimal Commit,
    decimal BestCase,
    decimal Pipeline,
    decimal WeightedPipeline,
    int WonCount,
    int OpenCount);
