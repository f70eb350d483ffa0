using Crm.Support.Model;
using FluentValidation;

namespace Crm.Support.Apis;

/// <param name="Tier">The customer tier it serves (HighValue, Potential, General); one policy per tier. Customers without a tier count as General.</param>
/// <param name="Targets">One per priority (Low, Normal, High, Urgent): working minutes to the first public reply and to resolution.</param>
/// <param name="WarningPercent">A warning is published when this share of a target has passed; 80 when left out.</param>
public sealed record SlaPolicyRequest(string? Name, CustomerTier? Tier, Guid? CalendarId, List<SlaTargetRequest>? Targets, int? WarningPercent)
{
    public void ApplyTo(SlaPolicy policy)
    {
        policy.Name = Name!.Trim();
        policy.Tier = Tier!.Value;
        policy.CalendarId = CalendarId!.Value;
        policy.Targets = [.. Targets!.Select(t => new SlaTarget(t.Priority!.Value, t.FirstResponseMinutes!.Value, t.ResolutionMinutes!.Value)).OrderBy(t => t.Priority)];
        policy.WarningPercent = WarningPercent ?? 80;
    }
}

public sealed record SlaTargetRequest(TicketPriority? Priority, int? FirstResponseMinutes, int? ResolutionMinutes);

public sealed class SlaPolicyRequestValidator : AbstractValidator<SlaPolicyRequest>
{
    private const int MaxMinutes = 366 * 24 * 60;

    public SlaPolicyRequestValidator()
    {
        RuleFor(request => request.Name).NotEmpty().MaximumLength(100).WithoutNulCharacters();
        RuleFor(request => request.Tier).NotNull().IsInEnum();
        RuleFor(request => request.CalendarId).NotEmpty();
        RuleFor(request => request.WarningPercent).InclusiveBetween(1, 99);
        RuleFor(request => request.Targets).NotEmpty()
            .Must(targets => targets is null || Enum.GetValues<TicketPriority>().All(p => targets.Count(t => t.Priority == p) == 1))
            .WithMessage("'targets' holds exactly one target for each priority: Low, Normal, High, Urgent.");
        RuleForEach(request => request.Targets).ChildRules(target =>
        {
            target.RuleFor(t => t.Priority).NotNull().IsInEnum();
            target.RuleFor(t => t.FirstResponseMinutes).NotNull().InclusiveBetween(1, MaxMinutes);
            target.RuleFor(t => t.ResolutionMinutes).NotNull().InclusiveBetween(1, MaxMinutes)
                .GreaterThanOrEqualTo(t => t.FirstResponseMinutes ?? 0).WithMessage("'resolutionMinutes' is at least 'firstResponseMinutes'.");
        });
    }
}
