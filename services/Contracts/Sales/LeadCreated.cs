namespace Crm.Contracts.Sales;

/// <summary>
/// A lead was created: by hand, by import, or from marketing's hand-off (<paramref name="ContactId"/> set). Marketing
/// learns that its contact reached sales; the owner's tools can announce the new lead.
/// </summary>
/// <param name="OwnerId">Null when no assignment rule matched and nobody owns it yet.</param>
public sealed record LeadCreated(
    Guid LeadId,
    Guid? ContactId,
    string Name,
    string? Company,
    string? Source,
    Guid? CampaignId,
    int Score,
    Guid? OwnerId,
    DateTimeOffset OccurredAt);
