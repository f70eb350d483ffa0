using FluentValidation;

namespace Crm.Marketing.Apis;

/// <param name="OccurredAt">Now when left out.</param>
public sealed record SurveyAnswerRequest(Guid? ContactId, string? SurveyId, string? Question, string? Value, DateTimeOffset? OccurredAt);

public sealed class SurveyAnswerRequestValidator : AbstractValidator<SurveyAnswerRequest>
{
    public SurveyAnswerRequestValidator()
    {
        RuleFor(request => request.ContactId).NotEmpty();
        RuleFor(request => request.SurveyId).NotEmpty().MaximumLength(100);
        RuleFor(request => request.Question).NotEmpty().MaximumLength(500);
        RuleFor(request => request.Value).NotEmpty().MaximumLength(500);
    }
}
