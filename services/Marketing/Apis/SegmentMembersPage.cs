namespace Crm.Marketing.Apis;

/// <param name="NextCursor">Pass back as <c>cursor</c> for the next page; null at the end.</param>
/// <param name="TotalCount">Members of the segment now.</param>
public sealed record SegmentMembersPage(IReadOnlyList<SegmentMemberEntry> Items, int PageSize, string? NextCursor, long TotalCount);

public sealed record SegmentMemberEntry(Guid Id, string Name, string? Email, DateTimeOffset EnteredAt);
