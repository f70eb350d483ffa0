namespace Crm.Customers.Infrastructure.Imports;

/// <summary>A batch being stored while the next is decided: the customers it updates, and its commit.</summary>
public sealed record ImportBatchInFlight(IReadOnlySet<Guid> Updating, Task Stored);
