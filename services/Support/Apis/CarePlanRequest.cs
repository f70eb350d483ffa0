using Crm.Support.Model;
using FluentValidation;

namespace Crm.Support.Apis;

/// <param name="Tiers">Whose customers get check-ins: HighValue, Potential, General (customers without a tier count as General).</param>
/// <param name="CadenceDays">Days between rounds.</param>
/// <param name="TeamId">The team whose queue gets the check-in tickets.</param>
/// <param name="StartsAt">The first round; now when left out.</param>
public sealed record CarePlanRequest(string? Name, List<CustomerTier>? Tiers, int? CadenceDays, Guid? TeamId, string? Subject, DateTimeOffset? StartsAt);

public sealed class CarePlanRequestValidator : AbstractValidator<CarePlanRequest>
{
    public CarePlanRequestValidator()
    {
        RuleFor(request => request.Name).NotEmpty().MaximumLength(100).WithoutNulCharacters();
        RuleFor(request => request.Subject).NotEmpty().MaximumLength(200).WithoutNulCharacters();
        RuleFor(request => request.Tiers).NotEmpty();
        RuleForEach(request => request.Tiers).IsInEnum();
        RuleFor(request => request.CadenceDays).NotNull().InclusiveBetween(1, 366);
        RuleFor(request => request.TeamId).NotEqual(Guid.Empty);
    }
}

public sealed record CarePlanResponse(
    Guid Id, string Name, IReadOnlyList<CustomerTier> Tiers, int CadenceDays, Guid? TeamId, string Subject, DateTimeOffset NextRunAt, DateTimeOffset? LastRunAt)
{
    public static CarePlanResponse From(CarePlan plan) =>
        new(plan.Id, plan.Name, plan.Tiers, plan.CadenceDays, plan.TeamId, plan.Subject, plan.NextRunAt, plan.LastRunAt);
}
