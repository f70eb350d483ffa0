using Crm.Sales.Model;

namespace Crm.Sales.Apis;

/// <param name="Probability">The stage's win probability in percent.</param>
/// <param name="WeightedAmount">Amount times probability.</param>
public sealed record OpportunityResponse(
    Guid Id,
    string Name,
    Guid CustomerId,
    Guid PipelineId,
    Guid StageId,
    string StageName,
    int Probability,
    OpportunityStatus Status,
    decimal Amount,
    string Currency,
    decimal WeightedAmount,
    DateOnly ExpectedCloseDate,
    Guid OwnerId,
    string? Source,
    string? LostReason,
    string? Competitor,
    DateTimeOffset? WonAt,
    DateTimeOffset? LostAt,
    DateTimeOffset StageChangedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OpportunityResponse From(Opportunity opportunity) => new(
        opportunity.Id, opportunity.Name, opportunity.CustomerId, opportunity.PipelineId, opportunity.StageId,
        opportunity.Stage.Name, opportunity.Stage.Probability, opportunity.Status, opportunity.Amount, opportunity.Currency,
        opportunity.Amount * opportunity.Stage.Probability / 100m, opportunity.ExpectedCloseDate, opportunity.OwnerId,
        opportunity.Source, opportunity.LostReason, opportunity.Competitor, opportunity.WonAt, opportunity.LostAt,
        opportunity.StageChangedAt, opportunity.CreatedAt, opportunity.UpdatedAt);
}
