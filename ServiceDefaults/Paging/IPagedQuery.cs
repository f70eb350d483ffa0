namespace Crm.ServiceDefaults.Paging;

/// <summary>A list request that pages by number; its validator includes <see cref="PagedQueryValidator{TQuery}"/>.</summary>
public interface IPagedQuery
{
    int? Page { get; }

    int? PageSize { get; }
}
