using Crm.Customers.Model;
using FluentValidation;

namespace Crm.Customers.Apis;

public sealed record LogInteractionRequest(InteractionKind? Kind, DateTimeOffset? OccurredAt, string? Summary);

public sealed class LogInteractionRequestValidator : AbstractValidator<LogInteractionRequest>
{
    public LogInteractionRequestValidator()
    {
        RuleFor(request => request.Kind).NotNull().IsInEnum();
        RuleFor(request => request.OccurredAt).NotNull();
        RuleFor(request => request.Summary).NotEmpty().MaximumLength(4000);
    }
}
