using Crm.Marketing.Model;
using Crm.ServiceDefaults.Paging;
using FluentValidation;

namespace Crm.Marketing.Apis;

/// <param name="Status">Only journeys in this state (Draft, Active, Paused, Archived).</param>
/// <param name="Sort">-createdAt (default), createdAt, name, -name, updatedAt or -updatedAt.</param>
/// <param name="Cursor">The previous page's nextCursor, with the same sort.</param>
public sealed record ListJourneysQuery(JourneyStatus? Status, string? Sort, string? Cursor, int? PageSize)
{
    public static readonly string[] Sorts = ["-createdAt", "createdAt", "name", "-name", "updatedAt", "-updatedAt"];

    public string SortOrDefault => Sort ?? "-createdAt";

    public int PageSizeOrDefault => PageSize ?? PagingLimits.DefaultPageSize;
}

public sealed class ListJourneysQueryValidator : AbstractValidator<ListJourneysQuery>
{
    public ListJourneysQueryValidator()
    {
        RuleFor(query => query.PageSize).InclusiveBetween(1, PagingLimits.MaxPageSize);
        RuleFor(query => query.Status).IsInEnum();
        RuleFor(query => query.Sort).Must(sort => sort is null || ListJourneysQuery.Sorts.Contains(sort))
            .WithMessage($"'sort' is one of {string.Join(", ", ListJourneysQuery.Sorts)}.");
        RuleFor(query => query.Cursor).Must((query, cursor) => JourneyQueries.IsUsableCursor(cursor, query.SortOrDefault))
            .WithMessage("'cursor' is not a cursor of this list; pass nextCursor from the previous page with the same sort.")
            .When(query => query.Sort is null || ListJourneysQuery.Sorts.Contains(query.Sort));
    }
}
