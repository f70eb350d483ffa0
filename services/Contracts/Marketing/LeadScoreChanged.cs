namespace Crm.Contracts.Marketing;

/// <summary>
/// A contact's lead score moved: points earned for profile or behaviour, or lost to decay. The customer service shows
/// it on the timeline; sales can follow a lead's warmth between hand-offs.
/// </summary>
/// <param name="ContactId">The same id as the customer in the customer service.</param>
/// <param name="Reason">Why it moved, e.g. "clicked Spring offer (+10)" or "decay (-5)".</param>
public sealed record LeadScoreChanged(
    Guid ContactId,
    int PreviousScore,
    int Score,
    string Reason,
    DateTimeOffset OccurredAt);
