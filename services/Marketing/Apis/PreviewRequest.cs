using FluentValidation;

namespace Crm.Marketing.Apis;

public sealed record PreviewRequest(Guid? ContactId);

public sealed class PreviewRequestValidator : AbstractValidator<PreviewRequest>
{
    public PreviewRequestValidator() => RuleFor(request => request.ContactId).NotEmpty();
}
