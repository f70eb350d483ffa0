using Crm.BuildingBlocks.Persistence;
using Crm.ServiceDefaults.Paging;
using FluentValidation;

namespace Crm.Marketing.Apis;

/// <param name="Cursor">The previous page's nextCursor; members are listed in the order they entered.</param>
public sealed record SegmentMembersQuery(string? Cursor, int? PageSize)
{
    public const string Sort = "enteredAt";
}

public sealed class SegmentMembersQueryValidator : AbstractValidator<SegmentMembersQuery>
{
    public SegmentMembersQueryValidator()
    {
        RuleFor(query => query.PageSize).InclusiveBetween(1, PagingLimits.MaxPageSize);
        RuleFor(query => query.Cursor)
            .Must(cursor => Keyset.IsUsable(cursor, SegmentMembersQuery.Sort, Keyset.TimeKeyParses))
            .WithMessage("Use the nextCursor of the previous page as it is.");
    }
}
