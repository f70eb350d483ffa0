namespace Crm.Contracts.Marketing;

/// <summary>A known contact visited a page of the website (reported by the site), with the UTM tags of the visit. The customer timeline shows it.</summary>
public sealed record WebVisitRecorded(
    Guid ContactId, string Url, string? UtmSource, string? UtmMedium, string? UtmCampaign, DateTimeOffset OccurredAt);
