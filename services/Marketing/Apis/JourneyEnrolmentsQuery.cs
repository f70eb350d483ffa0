using Crm.BuildingBlocks.Persistence;
using Crm.Marketing.Model;
using Crm.ServiceDefaults.Paging;
using FluentValidation;

namespace Crm.Marketing.Apis;

/// <param name="Status">Only people who are Active on the journey, Completed it, or Exited it.</param>
/// <param name="Cursor">The previous page's nextCursor; people are listed in the order they entered.</param>
public sealed record JourneyEnrolmentsQuery(EnrolmentStatus? Status, string? Cursor, int? PageSize)
{
    public const string Sort = "enrolledAt";

    public int PageSizeOrDefault => PageSize ?? PagingLimits.DefaultPageSize;
}

public sealed class JourneyEnrolmentsQueryValidator : AbstractValidator<JourneyEnrolmentsQuery>
{
    public JourneyEnrolmentsQueryValidator()
    {
        RuleFor(query => query.PageSize).InclusiveBetween(1, PagingLimits.MaxPageSize);
        RuleFor(query => query.Status).IsInEnum();
        RuleFor(query => query.Cursor)
            .Must(cursor => Keyset.IsUsable(cursor, JourneyEnrolmentsQuery.Sort, Keyset.TimeKeyParses))
            .WithMessage("Use the nextCursor of the previous page as it is.");
    }
}
