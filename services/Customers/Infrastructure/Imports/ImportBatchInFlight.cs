namespace Crm.Customers.Infrastructure.Imports;

/// <summary>The batches being stored while the next is decided: the customers they update, and their commits.</summary>
public sealed record ImportBatchInFlight(IReadOnlySet<Guid> Updating, Task Stored);
