using Crm.BuildingBlocks.Messaging;

namespace Crm.Customers.Infrastructure.Imports;

/// <summary>
/// A batch of rows as <see cref="ImportProcessor.DecideAsync"/> decided it: what each row does and, unless a dry run, the
/// customers to create with their <c>CustomerRegistered</c> events, and the customers updated (their changes wait in the
/// change tracker of the processor that decided them).
/// </summary>
/// <param name="UsesEarlierCompanies">
/// A contact of the batch belongs to a company an earlier batch of the import created, so the batch can only be stored
/// once that batch is committed.
/// </param>
public sealed record ImportBatch(
    List<RowOutcome> Outcomes, List<CreatedByImport> Created, List<OutboxMessage> Registrations, HashSet<Guid> Updated, bool UsesEarlierCompanies);
