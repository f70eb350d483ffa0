using FluentValidation;

namespace Crm.Marketing.Apis;

public sealed record SuppressionRequest(string? Email, string? Reason);

public sealed class SuppressionRequestValidator : AbstractValidator<SuppressionRequest>
{
    public SuppressionRequestValidator()
    {
        RuleFor(request => request.Email).NotEmpty().MaximumLength(320).EmailAddress();
        RuleFor(request => request.Reason).NotEmpty().MaximumLength(500);
    }
}
