namespace Crm.Contracts.Sales;

/// <summary>
/// A sales rep judged the lead worth pursuing (status qualified). Marketing counts it for its campaign's
/// attribution (<paramref name="CampaignId"/>, <paramref name="ContactId"/>).
/// </summary>
public sealed record LeadQualified(
    Guid LeadId,
    Guid? ContactId,
    Guid? CampaignId,
    string? Source,
    Guid? OwnerId,
    DateTimeOffset OccurredAt);
