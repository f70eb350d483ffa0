namespace Crm.Contracts.Customers;

/// <summary>
/// Two records of the same customer became one: the primary stays, the secondary is gone. Every service points
/// what referred to the secondary (deals, tickets) at the primary and drops its copy of the secondary.
/// </summary>
/// <param name="SecondaryRevision">The secondary's last revision: its copies become tombstones at this revision.</param>
public sealed record CustomersMerged(Guid PrimaryId, Guid SecondaryId, int SecondaryRevision, DateTimeOffset OccurredAt);
