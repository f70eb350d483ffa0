using Crm.Customers.Model;
using Crm.Customers.Model.Valuation;
using Crm.ServiceDefaults.Paging;
using FluentValidation;

namespace Crm.Customers.Apis;

/// <param name="Q">Matches name, e-mail and phone (case-insensitive, anywhere in the text).</param>
/// <param name="Sort">name, -name, createdAt, -createdAt, updatedAt or -updatedAt (a minus sorts descending).</param>
/// <param name="Cursor">The previous page's <c>nextCursor</c>.</param>
public sealed record ListCustomersQuery(
    string? Q,
    CustomerKind? Kind,
    string? Region,
    string? Industry,
    string? Source,
    Guid? OwnerId,
    Guid? CompanyId,
    string? Tag,
    DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo,
    ValueTier? Tier,
    LifecycleStage? Lifecycle,
    string? Sort,
    string? Cursor,
    int? PageSize) : ICustomerFilter
{
    public static readonly string[] Sorts = ["name", "-name", "createdAt", "-createdAt", "updatedAt", "-updatedAt"];

    public string SortOrDefault => Sort ?? "name";

    public int PageSizeOrDefault => PageSize ?? PagingLimits.DefaultPageSize;
}

public sealed class ListCustomersQueryValidator : AbstractValidator<ListCustomersQuery>
{
    public ListCustomersQueryValidator()
    {
        RuleFor(query => query.PageSize).InclusiveBetween(1, PagingLimits.MaxPageSize);
        Include(new CustomerFilterValidator<ListCustomersQuery>());
        RuleFor(query => query.Sort).Must(sort => sort is null || ListCustomersQuery.Sorts.Contains(sort))
            .WithMessage($"'sort' is one of {string.Join(", ", ListCustomersQuery.Sorts)}.");
        RuleFor(query => query.Cursor).Must((query, cursor) => CustomerQueries.IsUsableCursor(cursor, query.SortOrDefault))
            .WithMessage("'cursor' is not a cursor of this list; pass nextCursor from the previous page with the same sort.");
    }
}
