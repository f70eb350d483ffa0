using System.Text.Json;
using Crm.Customers.Apis;
using Crm.Customers.Model.Imports;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Infrastructure.Imports;

/// <summary>
/// Undoes an import, newest change first: customers it created are removed, customers it updated get their earlier
/// fields back. A record changed since the import (a newer revision, a purchase, a contact) is left as it is and
/// reported, because undoing the import must not silently throw away someone's later work.
/// </summary>
public sealed class ImportReverter(CustomersDbContext db, ValueRecalculator recalculator, TimeProvider clock)
{
    /// <summary>About how many customers one call undoes: the newest changes up to this many, and at least one change.</summary>
    public const int BatchSize = 500;

    /// <returns>False when nothing was left to revert.</returns>
    public async Task<bool> RevertBatchAsync(ImportJob job, CancellationToken cancellationToken)
    {
        var changes = TakeBatch(await db.ImportChanges.Where(change => change.JobId == job.Id && !change.Reverted)
            .OrderByDescending(change => change.Id).Take(BatchSize).ToListAsync(cancellationToken));
        if (changes.Count == 0)
        {
            return false;
        }

        // Newest first, and within a batch's creations a contact before the company the batch created for it.
        var undone = changes.SelectMany(change => change.CustomerIds.Zip(change.Rows, (id, row) => (Change: change, Id: id, Row: row)).Reverse()).ToList();
        var ids = undone.Select(item => item.Id).Distinct().ToArray();
        var customers = await db.Customers.Where(customer => ids.Contains(customer.Id)).ToDictionaryAsync(customer => customer.Id, cancellationToken);
        var withHistory = (await db.Purchases.Where(p => ids.Contains(p.CustomerId)).Select(p => p.CustomerId)
                .Union(db.Interactions.Where(i => ids.Contains(i.CustomerId)).Select(i => i.CustomerId))
                .Union(db.Feedback.Where(f => ids.Contains(f.CustomerId)).Select(f => f.CustomerId))
                .ToListAsync(cancellationToken)).ToHashSet();
        var removable = undone.Where(item => item.Change.WasCreated && customers.TryGetValue(item.Id, out var customer)
            && customer.Revision == item.Change.RevisionAfter && !withHistory.Contains(item.Id)).Select(item => item.Id).ToHashSet();
        var keptContacts = await db.Customers.Where(contact => contact.CompanyId != null && ids.Contains(contact.CompanyId.Value) && !removable.Contains(contact.Id))
            .Select(contact => contact.CompanyId!.Value).Distinct().ToListAsync(cancellationToken);
        removable.ExceptWith(keptContacts);

        var now = clock.GetUtcNow();
        var restored = new List<Guid>();
        changes.ForEach(change => change.Reverted = true);
        foreach (var (change, id, row) in undone)
        {
            if (!customers.TryGetValue(id, out var customer))
            {
                continue;   // deleted or merged away since: nothing left to undo
            }

            if (change.WasCreated && removable.Contains(customer.Id))
            {
                db.RemoveCustomer(customer, now, $"{customer.Kind} {customer.Name} removed by reverting an import", actorId: null);
                job.Reverted++;
            }
            else if (!change.WasCreated && customer.Revision == change.RevisionAfter)
            {
                var before = JsonSerializer.Deserialize<UpdateCustomerRequest>(change.Before!, JsonSerializerOptions.Web)!;
                var changed = customer.Apply(before);
                if (changed.Count > 0)
                {
                    db.RecordUpdate(customer, changed, now, $"Restored {CustomerWrites.FieldNames(changed)} by reverting an import", actorId: null);
                    restored.Add(customer.Id);
                }

                job.Reverted++;
            }
            else
            {
                job.RevertConflicts++;
                db.ImportRowErrors.Add(new ImportRowError
                {
                    JobId = job.Id, Row = row,
                    Message = $"Revert left customer {customer.Id} as it is: it changed after the import"
                        + (withHistory.Contains(customer.Id) ? " (it has purchases, interactions or feedback)." : "."),
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (restored.Count > 0)
        {
            await recalculator.RevalueAsync(restored, rules: null, cancellationToken);
        }

        return true;
    }

    /// <summary>The newest changes that touch at most <see cref="BatchSize"/> customers together, but always the newest one.</summary>
    private static List<ImportChange> TakeBatch(List<ImportChange> newestFirst)
    {
        var (batch, customers) = (new List<ImportChange>(), 0);
        foreach (var change in newestFirst)
        {
            customers += change.CustomerIds.Length;
            if (batch.Count > 0 && customers > BatchSize)
            {
                break;
            }

            batch.Add(change);
        }

        return batch;
    }
}
