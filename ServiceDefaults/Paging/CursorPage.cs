namespace Crm.ServiceDefaults.Paging;

/// <summary>
/// One page of a keyset-paged list: pass <see cref="NextCursor"/> back as <c>cursor</c> for the next page (null at the
/// end). Unlike page numbers it stays fast deep into large lists and does not skip or repeat rows when others insert.
/// </summary>
public sealed record CursorPage<T>(IReadOnlyList<T> Items, int PageSize, string? NextCursor);
