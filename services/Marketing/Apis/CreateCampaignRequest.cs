using FluentValidation;

namespace Crm.Marketing.Apis;

/// <param name="ExcludedSegmentIds">Contacts in any of these segments are left out.</param>
/// <param name="RatePerMinute">At most this many mails a minute; the service's default when left out.</param>
public sealed record CreateCampaignRequest(
    string? Name, Guid? TemplateId, Guid? SegmentId, IReadOnlyList<Guid>? ExcludedSegmentIds, string? FromAddress, string? FromName, int? RatePerMinute);

public sealed class CreateCampaignRequestValidator : AbstractValidator<CreateCampaignRequest>
{
    public const int MaxRatePerMinute = 600_000;

    public CreateCampaignRequestValidator()
    {
        RuleFor(request => request.Name).NotEmpty().MaximumLength(200);
        RuleFor(request => request.TemplateId).NotEmpty();
        RuleFor(request => request.SegmentId).NotEmpty();
        RuleFor(request => request.ExcludedSegmentIds).Must(ids => ids is null || ids.Count <= 20).WithMessage("At most 20 excluded segments.");
        RuleFor(request => request.FromAddress).MaximumLength(320).EmailAddress();
        RuleFor(request => request.FromName).MaximumLength(200);
        RuleFor(request => request.RatePerMinute).InclusiveBetween(1, MaxRatePerMinute);
    }
}
