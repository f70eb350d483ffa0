using Crm.Marketing.Model;

namespace Crm.Marketing.Apis;

public sealed record CampaignResponse(
    Guid Id, string Name, Guid TemplateId, Guid SegmentId, IReadOnlyList<Guid> ExcludedSegmentIds, string FromAddress, string FromName,
    CampaignStatus Status, int RatePerMinute, DateTimeOffset? ScheduledAt, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt, CampaignProgress Progress)
{
    public static CampaignResponse From(Campaign campaign, CampaignProgress progress) => new(
        campaign.Id, campaign.Name, campaign.TemplateId, campaign.SegmentId, campaign.ExcludedSegmentIds, campaign.FromAddress, campaign.FromName,
        campaign.Status, campaign.RatePerMinute, campaign.ScheduledAt, campaign.CreatedAt, campaign.StartedAt, campaign.CompletedAt, progress);
}
