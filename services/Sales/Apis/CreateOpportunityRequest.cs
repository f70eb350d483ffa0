using FluentValidation;

namespace Crm.Sales.Apis;

/// <param name="PipelineId">Default: the stage's pipeline, or else the default pipeline.</param>
/// <param name="StageId">An open stage (of the pipeline, when one is named); default: the pipeline's first open stage.</param>
/// <param name="Probability">Overrides the stage's win probability (0–100) until reset.</param>
/// <param name="OwnerId">Default: the caller. Only administrators and sales managers (within their team) may name someone else.</param>
public sealed record CreateOpportunityRequest(
    string? Name,
    Guid? CustomerId,
    Guid? PipelineId,
    Guid? StageId,
    decimal? Amount,
    string? Currency,
    DateOnly? ExpectedCloseDate,
    string? Source,
    Guid? OwnerId,
    int? Probability = null) : IOpportunityFields;

public sealed class CreateOpportunityRequestValidator : AbstractValidator<CreateOpportunityRequest>
{
    public CreateOpportunityRequestValidator() => Include(new OpportunityFieldsValidator<CreateOpportunityRequest>());
}
