using Crm.Customers.Model;
using Crm.Customers.Model.Imports;

namespace Crm.Customers.Infrastructure.Imports;

/// <summary>A customer an import batch creates, with its timeline entry and revert record, waiting for <see cref="ImportBatchWriter"/>.</summary>
public sealed record CreatedByImport(Customer Customer, TimelineEntry Entry, ImportChange Change);
