using Crm.Customers.Model;
using FluentValidation;

namespace Crm.Customers.Apis;

public sealed record RecordFeedbackRequest(FeedbackKind? Kind, int? Rating, string? Text, DateTimeOffset? ReceivedAt);

public sealed class RecordFeedbackRequestValidator : AbstractValidator<RecordFeedbackRequest>
{
    public RecordFeedbackRequestValidator()
    {
        RuleFor(request => request.Kind).NotNull().IsInEnum().NotEqual(FeedbackKind.SurveyAnswer)
            .WithMessage("'kind' is Praise, Suggestion or Complaint; survey answers come from support.");
        RuleFor(request => request.Rating).InclusiveBetween(1, 5);
        RuleFor(request => request.Text).NotEmpty().MaximumLength(4000);
    }
}
