using Crm.Marketing.Journeys;
using Crm.Marketing.Model;
using FluentValidation;

namespace Crm.Marketing.Apis;

/// <param name="Trigger">SegmentEntered (with triggerSegmentId), CustomerRegistered, WebVisit (triggerMatch: text the URL
/// contains), SurveyAnswered (triggerMatch: the survey id; triggerValue: the answer, any when left out) or TierChanged
/// (triggerMatch: the new tier).</param>
/// <param name="Steps">Email (templateId), Wait (waitMinutes) or Branch (ifClicked, ifOpened, otherwise: a later step's
/// index, the number of steps to finish, or null for the next step).</param>
public sealed record JourneyRequest(
    string? Name, JourneyTrigger? Trigger, Guid? TriggerSegmentId, string? TriggerMatch, string? TriggerValue, IReadOnlyList<JourneyStep>? Steps,
    string? FromAddress, string? FromName);

public sealed class JourneyRequestValidator : AbstractValidator<JourneyRequest>
{
    public JourneyRequestValidator()
    {
        RuleFor(request => request.Name).NotEmpty().MaximumLength(200);
        RuleFor(request => request.Trigger).NotNull().IsInEnum();
        RuleFor(request => request.TriggerSegmentId).NotEmpty().When(request => request.Trigger == JourneyTrigger.SegmentEntered)
            .WithMessage("A segment-entry journey names its segment.");
        RuleFor(request => request.TriggerMatch).NotEmpty()
            .When(request => request.Trigger is JourneyTrigger.WebVisit or JourneyTrigger.SurveyAnswered or JourneyTrigger.TierChanged)
            .WithMessage("Give what the trigger matches: the URL part, the survey id or the tier.");
        RuleFor(request => request.TriggerMatch).MaximumLength(500);
        RuleFor(request => request.TriggerValue).MaximumLength(500);
        RuleFor(request => request.FromAddress).MaximumLength(320).EmailAddress();
        RuleFor(request => request.FromName).MaximumLength(200);
        RuleFor(request => request.Steps).NotNull().Custom((steps, context) =>
        {
            foreach (var (field, message) in JourneyPlan.Problems(steps ?? []))
            {
                context.AddFailure(field, message);
            }
        });
    }
}
