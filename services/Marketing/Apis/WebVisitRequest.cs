using FluentValidation;

namespace Crm.Marketing.Apis;

/// <param name="OccurredAt">Now when left out.</param>
public sealed record WebVisitRequest(Guid? ContactId, string? Url, string? UtmSource, string? UtmMedium, string? UtmCampaign, DateTimeOffset? OccurredAt);

public sealed class WebVisitRequestValidator : AbstractValidator<WebVisitRequest>
{
    public WebVisitRequestValidator()
    {
        RuleFor(request => request.ContactId).NotEmpty();
        RuleFor(request => request.Url).NotEmpty().MaximumLength(2048)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https").WithMessage("Give an absolute http(s) URL.");
        RuleFor(request => request.UtmSource).MaximumLength(200);
        RuleFor(request => request.UtmMedium).MaximumLength(200);
        RuleFor(request => request.UtmCampaign).MaximumLength(200);
    }
}
