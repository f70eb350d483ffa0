using FluentValidation;

namespace Crm.Sales.Apis;

/// <summary>The opportunity's new fields (a full replacement); the stage moves through its own endpoint.</summary>
/// <param name="Probability">Overrides the stage's win probability (0–100); left out, the current override (or none) stays. Reset with DELETE …/probability.</param>
/// <param name="OwnerId">Left out (null): the owner stays. Changing it follows the create rule.</param>
public sealed record UpdateOpportunityRequest(
    string? Name,
    Guid? CustomerId,
    decimal? Amount,
    string? Currency,
    DateOnly? ExpectedCloseDate,
    string? Source,
    Guid? OwnerId,
    int? Probability = null) : IOpportunityFields;

public sealed class UpdateOpportunityRequestValidator : AbstractValidator<UpdateOpportunityRequest>
{
    public UpdateOpportunityRequestValidator() => Include(new OpportunityFieldsValidator<UpdateOpportunityRequest>());
}
