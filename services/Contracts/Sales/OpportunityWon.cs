namespace Crm.Contracts.Sales;

/// <summary>
/// A deal was won: the customer bought <paramref name="Amount"/> in <paramref name="Currency"/>. The customer service
/// records it as a purchase. Won is final, so this is published once per opportunity.
/// </summary>
public sealed record OpportunityWon(
    Guid OpportunityId,
    Guid CustomerId,
    string Name,
    decimal Amount,
    string Currency,
    DateTimeOffset WonAt,
    Guid OwnerId);
