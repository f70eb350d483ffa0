using Crm.Customers.Model;
using Crm.Customers.Model.Valuation;
using Crm.ServiceDefaults.Paging;
using FluentValidation;

namespace Crm.Customers.Apis;

/// <param name="Q">
/// Searches name, e-mail and phone. Without <paramref name="Sort"/> the best matches come first (see <see cref="CustomerSearch"/>);
/// with it, the customers containing the text or a close spelling of it, in that order.
/// </param>
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
    string? Grade,
    string? Sort,
    string? Cursor,
    int? PageSize) : ICustomerFilter
{
    public static readonly string[] Sorts = ["name", "-name", "createdAt", "-createdAt", "updatedAt", "-updatedAt"];

    /// <summary>A search without a sort is ranked; a list without a search is by name.</summary>
    public string SortOrDefault => Sort ?? (IsRankedSearch ? CustomerSearch.Sort : "name");

    public bool IsRankedSearch => Sort is null && !string.IsNullOrWhiteSpace(Q);

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
