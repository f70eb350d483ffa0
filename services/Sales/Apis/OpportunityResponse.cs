using Crm.Sales.Model;

namespace Crm.Sales.Apis;

/// <param name="Probability">The win probability in force, in percent: the rep's override, or else the stage's.</param>
/// <param name="ProbabilityOverridden">True while a rep's override replaces the stage's probability.</param>
/// <param name="WeightedAmount">Amount times probability.</param>
public sealed record OpportunityResponse(
    Guid Id,
    string Name,
    Guid CustomerId,
    Guid PipelineId,
    Guid StageId,
    string StageName,
    int Probability,
    bool ProbabilityOverridden,
    ForecastCategory ForecastCategory,
    OpportunityStatus Status,
    decimal Amount,
    string Currency,
    decimal WeightedAmount,
    DateOnly ExpectedCloseDate,
    Guid OwnerId,
    string? Source,
    Guid? LeadId,
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
        opportunity.Stage.Name, opportunity.Probability, opportunity.ProbabilityOverride is not null, opportunity.Stage.ForecastCategory,
        opportunity.Status, opportunity.Amount, opportunity.Currency, opportunity.Amount * opportunity.Probability / 100m,
        opportunity.ExpectedCloseDate, opportunity.OwnerId, opportunity.Source, opportunity.LeadId, opportunity.LostReason,
        opportunity.Competitor, opportunity.WonAt, opportunity.LostAt, opportunity.StageChangedAt, opportunity.CreatedAt,
        opportunity.UpdatedAt);
}
