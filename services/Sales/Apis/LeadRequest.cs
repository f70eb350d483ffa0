using FluentValidation;

namespace Crm.Sales.Apis;

/// <summary>A lead's fields, on create and on update (a full replacement). Status and conversion have their own endpoints.</summary>
/// <param name="OwnerId">
/// Create: left out, a sales rep owns it themselves, and for managers and administrators the assignment rules pick the
/// owner. Update: left out, the owner stays. Naming someone else follows the opportunity rule.
/// </param>
public sealed record LeadRequest(
    string? Name,
    string? Company,
    string? Email,
    string? Phone,
    string? Region,
    string? Source,
    Guid? CampaignId,
    int? Score,
    Guid? OwnerId);

public sealed class LeadRequestValidator : AbstractValidator<LeadRequest>
{
    public LeadRequestValidator()
    {
        RuleFor(request => request.Name).NotEmpty().MaximumLength(200);
        RuleFor(request => request.Company).MaximumLength(200);
        RuleFor(request => request.Email).MaximumLength(254).EmailAddress();
        RuleFor(request => request.Phone).MaximumLength(50);
        RuleFor(request => request.Region).MaximumLength(100);
        RuleFor(request => request.Source).MaximumLength(100);
        RuleFor(request => request.CampaignId).NotEqual(Guid.Empty);
        RuleFor(request => request.Score).InclusiveBetween(0, 1000);
        RuleFor(request => request.OwnerId).NotEqual(Guid.Empty);
    }
}
