using Crm.Marketing.Model;

namespace Crm.Marketing.Apis;

public sealed record ContactResponse(
    Guid Id, string Name, string? Email, string? Region, string? Industry, string? Source, IReadOnlyList<string> Tags,
    string? Tier, string? Lifecycle, decimal TotalSpend, DateTimeOffset? LastPurchaseAt, ConsentState Consent, DateTimeOffset? ConsentChangedAt,
    int LeadScore, DateTimeOffset? HandedOffAt)
{
    public static ContactResponse From(Customer contact) => new(
        contact.Id, contact.Name, contact.Email, contact.Region, contact.Industry, contact.Source, contact.Tags,
        contact.Tier, contact.Lifecycle, contact.TotalSpend, contact.LastPurchaseAt, contact.Consent, contact.ConsentChangedAt,
        contact.LeadScore, contact.HandedOffAt);
}
