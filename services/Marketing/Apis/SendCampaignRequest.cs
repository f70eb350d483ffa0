namespace Crm.Marketing.Apis;

/// <param name="ScheduledAt">Left out or in the past: send now.</param>
public sealed record SendCampaignRequest(DateTimeOffset? ScheduledAt);
