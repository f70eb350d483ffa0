namespace Crm.Contracts.Marketing;

/// <summary>A contact no longer matches a segment's rules; journeys may end the contact's run on it.</summary>
/// <param name="ContactId">The same id as the customer in the customer service.</param>
public sealed record ContactLeftSegment(
    Guid SegmentId,
    string SegmentName,
    Guid ContactId,
    DateTimeOffset OccurredAt);
