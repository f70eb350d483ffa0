namespace Crm.ServiceDefaults.Paging;

public static class PagingLimits
{
    public const int DefaultPageSize = 25;

    /// <summary>A larger page is refused rather than clamped, so a client learns the rule instead of missing rows.</summary>
    public const int MaxPageSize = 200;

    public static int PageOf(this IPagedQuery query) => query.Page ?? 1;

    public static int PageSizeOf(this IPagedQuery query) => query.PageSize ?? DefaultPageSize;

    public static int SkipOf(this IPagedQuery query) => (query.PageOf() - 1) * query.PageSizeOf();
}
