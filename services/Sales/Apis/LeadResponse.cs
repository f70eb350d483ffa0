using Crm.Sales.Model;

namespace Crm.Sales.Apis;

/// <param name="HandOffs">Marketing's hand-offs of this person, oldest first: the score history.</param>
public sealed record LeadResponse(
    Guid Id,
    Guid? ContactId,
    string Name,
    string? Company,
    string? Email,
    string? Phone,
    string? Region,
    string? Source,
    Guid? CampaignId,
    int Score,
    IReadOnlyList<string> ScoreReasons,
    LeadStatus Status,
    string? DisqualifiedReason,
    Guid? OwnerId,
    Guid? CustomerId,
    Guid? OpportunityId,
    DateTimeOffset? ConvertedAt,
    IReadOnlyList<LeadHandOffResponse>? HandOffs,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <param name="withHistory">Lists leave the hand-off history out; one lead read carries it.</param>
    public static LeadResponse From(Lead lead, bool withHistory = false) => new(
        lead.Id, lead.ContactId, lead.Name, lead.Company, lead.Email, lead.Phone, lead.Region, lead.Source, lead.CampaignId,
        lead.Score, lead.ScoreReasons, lead.Status, lead.DisqualifiedReason, lead.OwnerId, lead.CustomerId, lead.OpportunityId,
        lead.ConvertedAt,
        withHistory ? [.. lead.HandOffs.OrderBy(h => h.OccurredAt).ThenBy(h => h.Id).Select(h => new LeadHandOffResponse(h.Score, h.Reasons, h.CampaignId, h.OccurredAt))] : null,
        lead.CreatedAt, lead.UpdatedAt);
}

public sealed record LeadHandOffResponse(int Score, IReadOnlyList<string> Reasons, Guid? CampaignId, DateTimeOffset OccurredAt);
