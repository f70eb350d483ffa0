using Crm.Sales.Model;
using Crm.ServiceDefaults.Paging;
using FluentValidation;

namespace Crm.Sales.Apis;

/// <param name="Q">Part of the name, company or e-mail (case-insensitive).</param>
/// <param name="Unassigned">True: only leads nobody owns yet.</param>
/// <param name="Sort">-createdAt (default), createdAt, name, -name, score or -score.</param>
public sealed record ListLeadsQuery(
    string? Q,
    LeadStatus? Status,
    Guid? OwnerId,
    Guid? TeamId,
    bool? Unassigned,
    string? Source,
    Guid? CampaignId,
    string? Sort,
    string? Cursor,
    int? PageSize)
{
    public static readonly string[] Sorts = ["-createdAt", "createdAt", "name", "-name", "score", "-score"];

    public string SortOrDefault => Sort ?? "-createdAt";

    public int PageSizeOrDefault => PageSize ?? PagingLimits.DefaultPageSize;
}

public sealed class ListLeadsQueryValidator : AbstractValidator<ListLeadsQuery>
{
    public ListLeadsQueryValidator()
    {
        RuleFor(query => query.PageSize).InclusiveBetween(1, PagingLimits.MaxPageSize);
        RuleFor(query => query.Status).IsInEnum();
        RuleFor(query => query.Q).MaximumLength(200);
        RuleFor(query => query.Source).MaximumLength(100);
        RuleFor(query => query.Sort).Must(sort => sort is null || ListLeadsQuery.Sorts.Contains(sort))
            .WithMessage($"'sort' is one of {string.Join(", ", ListLeadsQuery.Sorts)}.");
        RuleFor(query => query.Cursor).Must((query, cursor) => LeadQueries.IsUsableCursor(cursor, query.SortOrDefault))
            .WithMessage("'cursor' is not a cursor of this list; pass nextCursor from the previous page with the same sort.")
            .When(query => query.Sort is null || ListLeadsQuery.Sorts.Contains(query.Sort));
    }
}
