using Crm.Sales.Model;
using Crm.ServiceDefaults.Paging;
using FluentValidation;

namespace Crm.Sales.Apis;

/// <param name="TeamId">Deals owned by members of this team.</param>
/// <param name="CloseFrom">Expected close on or after this date.</param>
/// <param name="CloseTo">Expected close on or before this date.</param>
/// <param name="Sort">expectedCloseDate (default), name, amount or createdAt; a leading minus sorts descending.</param>
/// <param name="Cursor">The previous page's <c>nextCursor</c>.</param>
public sealed record ListOpportunitiesQuery(
    Guid? OwnerId,
    Guid? TeamId,
    Guid? PipelineId,
    Guid? StageId,
    Guid? CustomerId,
    OpportunityStatus? Status,
    DateOnly? CloseFrom,
    DateOnly? CloseTo,
    string? Sort,
    string? Cursor,
    int? PageSize)
{
    public static readonly string[] Sorts =
        ["expectedCloseDate", "-expectedCloseDate", "name", "-name", "amount", "-amount", "createdAt", "-createdAt"];

    public string SortOrDefault => Sort ?? "expectedCloseDate";

    public int PageSizeOrDefault => PageSize ?? PagingLimits.DefaultPageSize;
}

public sealed class ListOpportunitiesQueryValidator : AbstractValidator<ListOpportunitiesQuery>
{
    public ListOpportunitiesQueryValidator()
    {
        RuleFor(query => query.PageSize).InclusiveBetween(1, PagingLimits.MaxPageSize);
        RuleFor(query => query.Status).IsInEnum();
        RuleFor(query => query.Sort).Must(sort => sort is null || ListOpportunitiesQuery.Sorts.Contains(sort))
            .WithMessage($"'sort' is one of {string.Join(", ", ListOpportunitiesQuery.Sorts)}.");
        RuleFor(query => query.Cursor).Must((query, cursor) => OpportunityQueries.IsUsableCursor(cursor, query.SortOrDefault))
            .WithMessage("'cursor' is not a cursor of this list; pass nextCursor from the previous page with the same sort.")
            .When(query => query.Sort is null || ListOpportunitiesQuery.Sorts.Contains(query.Sort));
        RuleFor(query => query.CloseTo).GreaterThanOrEqualTo(query => query.CloseFrom)
            .When(query => query.CloseFrom is not null && query.CloseTo is not null);
    }
}
