namespace Crm.Sales.Model;

/// <summary>
/// The board's pre-summed deals of one stage, owner and currency, kept by a database trigger on <c>opportunities</c> in
/// the transaction of every deal write. The stage's probability is applied when read, so re-weighting a stage changes
/// nothing here: weighted amount = (<see cref="AmountTimesOverride"/> + <see cref="AmountAtStageProbability"/> × stage
/// probability) / 100.
/// </summary>
public class OpportunityStageTotal : IOwnedByRep
{
    public Guid PipelineId { get; set; }
    public Guid StageId { get; set; }
    public Guid OwnerId { get; set; }
    public required string Currency { get; set; }
    public int DealCount { get; set; }
    public decimal Amount { get; set; }

    /// <summary>Σ amount of the deals without a probability override.</summary>
    public decimal AmountAtStageProbability { get; set; }

    /// <summary>Σ amount × override (in percent) of the deals with one.</summary>
    public decimal AmountTimesOverride { get; set; }
}
