namespace Crm.Contracts.Customers;

/// <summary>The customer record was deleted; other services drop their copies.</summary>
public sealed record CustomerDeleted(Guid CustomerId, int Revision, DateTimeOffset OccurredAt);
