namespace Crm.Contracts.Customers;

/// <summary>
/// The customer's value tier changed under the administrator's tier rules. Sales re-plans follow-ups at the new
/// tier's cadence; support applies the tier's SLA policy to open tickets.
/// </summary>
/// <param name="Tier">HighValue, Potential or General.</param>
/// <param name="PreviousTier">Null when the customer had no tier yet.</param>
public sealed record CustomerTierChanged(Guid CustomerId, string Tier, string? PreviousTier, DateTimeOffset OccurredAt);
