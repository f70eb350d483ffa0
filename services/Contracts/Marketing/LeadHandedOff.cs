namespace Crm.Contracts.Marketing;

/// <summary>
/// A contact's lead score crossed the hand-off threshold: marketing passes the person to sales. Sales keeps one lead
/// per person (<paramref name="ContactId"/>): a repeat hand-off updates that lead's score and history.
/// </summary>
/// <param name="Reasons">What earned the points, e.g. "clicked Spring offer (+10)".</param>
public sealed record LeadHandedOff(
    Guid ContactId,
    Guid? CustomerId,
    string Name,
    string? Email,
    string? Phone,
    string? Company,
    string? Region,
    string? Source,
    int Score,
    IReadOnlyList<string> Reasons,
    MarketingTouch? FirstTouch,
    MarketingTouch? LastTouch,
    DateTimeOffset OccurredAt);

/// <summary>One marketing touch for attribution: the campaign and the UTM tags it came with.</summary>
public sealed record MarketingTouch(
    Guid? CampaignId,
    string? Source,
    string? UtmSource,
    string? UtmMedium,
    string? UtmCampaign,
    DateTimeOffset At);
