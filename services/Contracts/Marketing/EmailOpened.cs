namespace Crm.Contracts.Marketing;

/// <summary>
/// A contact opened a campaign mail for the first time (its tracking pixel loaded). The customer service shows it on
/// the timeline; lead scoring and segments use it. Later opens are kept in marketing's behaviour history only.
/// </summary>
public sealed record EmailOpened(Guid ContactId, Guid CampaignId, string CampaignName, DateTimeOffset OccurredAt);
