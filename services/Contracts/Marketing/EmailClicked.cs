namespace Crm.Contracts.Marketing;

/// <summary>A contact followed a link in a campaign mail (every click). The customer timeline shows it; lead scoring counts it.</summary>
public sealed record EmailClicked(Guid ContactId, Guid CampaignId, string CampaignName, string Url, DateTimeOffset OccurredAt);
