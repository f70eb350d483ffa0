namespace Crm.ServiceDefaults.Paging;

/// <summary>One page of a list, with what a client needs to show "page 3 of 12".</summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount)
{
    public static PagedResponse<T> Of(IReadOnlyList<T> items, IPagedQuery query, long totalCount) =>
        new(items, query.PageOf(), query.PageSizeOf(), totalCount);
}
