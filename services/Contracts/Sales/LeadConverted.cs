namespace Crm.Contracts.Sales;

/// <summary>
/// A lead was converted into a customer and an opportunity in one action. When <paramref name="NewCustomer"/> is true
/// the sales service chose <paramref name="CustomerId"/> and the customer service creates that customer from these
/// facts (once, whatever the redelivery); otherwise the lead was linked to the existing customer.
/// </summary>
/// <param name="Kind">Company or Person, as the customer service spells it.</param>
public sealed record LeadConverted(
    Guid LeadId,
    Guid CustomerId,
    bool NewCustomer,
    Guid? OpportunityId,
    string Kind,
    string Name,
    string? Email,
    string? Phone,
    string? Company,
    string? Region,
    string? Source,
    Guid OwnerId,
    DateTimeOffset OccurredAt);
