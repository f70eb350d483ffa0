using Crm.ServiceDefaults.Paging;
using Crm.Support.Model;
using FluentValidation;

namespace Crm.Support.Apis;

/// <param name="Sort">createdAt (default, oldest first: a queue), updatedAt or priority; a minus sorts descending.
/// Tickets of equal priority keep creation order in both directions.</param>
/// <param name="Tag">Only tickets carrying this tag (compared in its normalised form).</param>
/// <param name="Cursor">The previous page's <c>nextCursor</c>.</param>
public sealed record ListTicketsQuery(
    TicketStatus? Status,
    TicketPriority? Priority,
    string? Category,
    Guid? CustomerId,
    Guid? AssigneeId,
    Guid? TeamId,
    string? Tag,
    DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo,
    string? Sort,
    string? Cursor,
    int? PageSize)
{
    public static readonly string[] Sorts = ["createdAt", "-createdAt", "updatedAt", "-updatedAt", "priority", "-priority"];

    public string SortOrDefault => Sort ?? "createdAt";

    public int PageSizeOrDefault => PageSize ?? PagingLimits.DefaultPageSize;
}

public sealed class ListTicketsQueryValidator : AbstractValidator<ListTicketsQuery>
{
    public ListTicketsQueryValidator()
    {
        RuleFor(query => query.PageSize).InclusiveBetween(1, PagingLimits.MaxPageSize);
        RuleFor(query => query.Status).IsInEnum();
        RuleFor(query => query.Priority).IsInEnum();
        RuleFor(query => query.Category).MaximumLength(TicketCategory.MaxKeyLength);
        RuleFor(query => query.Tag).Must(tag => tag is null || TicketTags.Normalise(tag) is not null)
            .WithMessage($"'tag' is 1 to {TicketTags.MaxLength} letters, digits, '-', '_' or '.'.");
        RuleFor(query => query.Sort).Must(sort => sort is null || ListTicketsQuery.Sorts.Contains(sort))
            .WithMessage($"'sort' is one of {string.Join(", ", ListTicketsQuery.Sorts)}.");
        RuleFor(query => query.Cursor).Must((query, cursor) => TicketQueries.IsUsableCursor(cursor, query.SortOrDefault))
            .WithMessage("'cursor' is not a cursor of this list; pass nextCursor from the previous page with the same sort.");
        RuleFor(query => query.CreatedTo).GreaterThan(query => query.CreatedFrom)
            .When(query => query.CreatedFrom is not null && query.CreatedTo is not null);
    }
}
