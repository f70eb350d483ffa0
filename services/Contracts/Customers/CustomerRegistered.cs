namespace Crm.Contracts.Customers;

/// <summary>A customer (a company or a person) was created in the customer service.</summary>
/// <remarks>Consumers keep their own copy of the facts they need; the customer service stays the owner.</remarks>
public sealed record CustomerRegistered(
    Guid CustomerId,
    string Kind,
    string Name,
    string? Email,
    string? Phone,
    string? Industry,
    string? Region,
    string? Source,
    DateTimeOffset OccurredAt,
    Guid? OwnerId = null,
    Guid? CompanyId = null,
    IReadOnlyList<string>? Tags = null);
