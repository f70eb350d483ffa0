namespace Crm.Contracts.Marketing;

/// <summary>
/// A contact now matches a segment's rules (live membership, kept from customer and behaviour events). Nurture
/// journeys that start on segment entry enrol the contact from this event.
/// </summary>
/// <param name="ContactId">The same id as the customer in the customer service.</param>
public sealed record ContactEnteredSegment(
    Guid SegmentId,
    string SegmentName,
    Guid ContactId,
    DateTimeOffset OccurredAt);
