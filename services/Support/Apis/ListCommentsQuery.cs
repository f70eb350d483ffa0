using Crm.ServiceDefaults.Paging;
using Crm.Support.Model;
using FluentValidation;

namespace Crm.Support.Apis;

/// <param name="Visibility">Only replies or only notes; a caller who may not see notes gets none either way.</param>
/// <param name="Cursor">The previous page's <c>nextCursor</c>.</param>
public sealed record ListCommentsQuery(CommentVisibility? Visibility, string? Cursor, int? PageSize)
{
    /// <summary>A thread reads oldest first; it is the only order.</summary>
    public const string Sort = "createdAt";

    public int PageSizeOrDefault => PageSize ?? PagingLimits.DefaultPageSize;
}

public sealed class ListCommentsQueryValidator : AbstractValidator<ListCommentsQuery>
{
    public ListCommentsQueryValidator()
    {
        RuleFor(query => query.PageSize).InclusiveBetween(1, PagingLimits.MaxPageSize);
        RuleFor(query => query.Visibility).IsInEnum();
        RuleFor(query => query.Cursor).Must(cursor => TicketQueries.IsUsableCursor(cursor, ListCommentsQuery.Sort))
            .WithMessage("'cursor' is not a cursor of this list; pass nextCursor from the previous page.");
    }
}
