namespace Crm.Contracts.Sales;

/// <summary>A deal was lost, with the reason and the stage it had reached (for lost-deal analysis).</summary>
/// <param name="LostAtStageId">The stage the deal was in before it was moved to a lost stage.</param>
public sealed record OpportunityLost(
    Guid OpportunityId,
    Guid CustomerId,
    string Reason,
    string? Competitor,
    Guid LostAtStageId,
    string LostAtStageName,
    decimal Amount,
    string Currency,
    Guid OwnerId,
    DateTimeOffset LostAt);
