using Crm.Customers.Model;
using FluentValidation;

namespace Crm.Customers.Apis;

public sealed record RecordFeedbackRequest(FeedbackKind? Kind, int? Rating, string? Text, DateTimeOffset? ReceivedAt);

public sealed class RecordFeedbackRequestValidator : AbstractValidator<RecordFeedbackRequest>
{
    public RecordFeedbackRequestValidator()
    {
        RuleFor(request => request.Kind).NotNull().IsInEnum();
        RuleFor(request => request.Rating).InclusiveBetween(1, 5);
        RuleFor(request => request.Text).NotEmpty().MaximumLength(4000);
    }
}
