namespace Crm.Sales.Model;

/// <summary>
/// The forecast's pre-summed deals of one pipeline (or all), month, currency, owner, forecast category and status (open deals by
/// expected close month, won deals by the UTC month they were won; lost deals are not counted), kept by database
/// triggers: on <c>opportunities</c> for every deal write, and on <c>stages</c> when a stage's probability or forecast
/// category changes (its deals are counted again).
/// </summary>
public class OpportunityMonthTotal : IOwnedByRep
{
    /// <summary>The nil id: rows summing every pipeline, so a forecast without a pipeline filter reads one row where it would read one per pipeline.</summary>
    public static readonly Guid AllPipelines = Guid.Empty;

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    public Guid OwnerId { get; set; }

    /// <summary>The deals' pipeline; <see cref="AllPipelines"/> for the same deals counted once more all pipelines together.</summary>
    public Guid PipelineId { get; set; }

    public required string Currency { get; set; }
    public ForecastCategory ForecastCategory { get; set; }
    public OpportunityStatus Status { get; set; }
    public int DealCount { get; set; }
    public decimal Amount { get; set; }

    /// <summary>Σ amount × the deal's probability in percent (the override, or else the stage's).</summary>
    public decimal AmountTimesProbability { get; set; }
}
