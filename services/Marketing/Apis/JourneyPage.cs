namespace Crm.Marketing.Apis;

/// <param name="NextCursor">Pass back as <c>cursor</c> (with the same sort) for the next page; null at the end.</param>
/// <param name="TotalCount">Journeys that pass the filter.</param>
public sealed record JourneyPage(IReadOnlyList<JourneyResponse> Items, int PageSize, string? NextCursor, long TotalCount);
