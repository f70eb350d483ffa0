using Crm.Customers.Model;

namespace Crm.Customers.Infrastructure.Imports;

/// <summary>A customer an import batch creates, with its timeline entry and the file row it comes from, waiting for <see cref="ImportBatchWriter"/>.</summary>
public sealed record CreatedByImport(Customer Customer, TimelineEntry Entry, int Row);
