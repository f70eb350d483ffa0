using FluentValidation;

namespace Crm.Customers.Apis;

/// <param name="SecondaryId">The record merged into the primary (the one in the URL) and then removed.</param>
/// <param name="SecondaryETag">The secondary's ETag as the client read it, so a merge never hides a change made since.</param>
public sealed record MergeCustomersRequest(Guid? SecondaryId, string? SecondaryETag);

public sealed class MergeCustomersRequestValidator : AbstractValidator<MergeCustomersRequest>
{
    public MergeCustomersRequestValidator()
    {
        RuleFor(request => request.SecondaryId).NotEmpty();
        RuleFor(request => request.SecondaryETag).NotEmpty()
            .Must(etag => Crm.ServiceDefaults.Http.ETags.TryParse(etag, out _)).WithMessage("'secondaryETag' is the secondary's ETag, such as \"1234\".");
    }
}
