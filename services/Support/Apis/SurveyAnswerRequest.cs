using FluentValidation;

namespace Crm.Support.Apis;

/// <param name="Rating">1 (not at all satisfied) to 5 (very satisfied).</param>
public sealed record SurveyAnswerRequest(int? Rating, string? Comment);

public sealed class SurveyAnswerRequestValidator : AbstractValidator<SurveyAnswerRequest>
{
    public SurveyAnswerRequestValidator()
    {
        RuleFor(request => request.Rating).NotNull().InclusiveBetween(1, 5);
        RuleFor(request => request.Comment).MaximumLength(2000).WithoutNulCharacters();
    }
}
