using Crm.Marketing.Model;
using FluentValidation;

namespace Crm.Marketing.Apis;

/// <summary>A delivery status notification as a mail provider reports it: whose mail bounced, and how badly.</summary>
/// <param name="Email">The address that bounced; every contact with it is affected.</param>
/// <param name="MessageId">The bounced mail's Message-Id (with or without angle brackets); names the contact and the campaign or journey.</param>
public sealed record BounceReport(string? Email, string? MessageId, BounceKind? Kind, string? Detail, DateTimeOffset? OccurredAt);

public sealed class BounceReportValidator : AbstractValidator<BounceReport>
{
    public BounceReportValidator()
    {
        RuleFor(report => report.Email).NotEmpty().When(report => string.IsNullOrWhiteSpace(report.MessageId))
            .WithMessage("Give the e-mail address or the Message-Id of the bounced mail.");
        RuleFor(report => report.Email).MaximumLength(320).EmailAddress();
        RuleFor(report => report.MessageId).MaximumLength(200);
        RuleFor(report => report.Kind).NotNull().IsInEnum();
        RuleFor(report => report.Detail).MaximumLength(500);
    }
}
