namespace Crm.Marketing.Apis;

/// <param name="NextCursor">Pass back as <c>cursor</c> for the next page; null at the end.</param>
/// <param name="TotalCount">People on the journey that pass the filter.</param>
public sealed record JourneyEnrolmentPage(IReadOnlyList<JourneyEnrolmentEntry> Items, int PageSize, string? NextCursor, long TotalCount);
