using Crm.Customers.Model.Imports;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Infrastructure.Imports;

/// <summary>
/// Runs an import's batches overlapped, on a connection each: while batch <i>n</i> is being stored, batch <i>n + 1</i>
/// is decided (duplicate checks, validation, new customers and their events) and then stored too, as soon as batch
/// <i>n</i>'s customers are written. Batches still commit one after the other in file order, each with the job's
/// progress, so a restart carries on after the last committed batch as before. What keeps two batches being stored at
/// once from waiting on each other: a batch writes its customers (whose statement trigger adds their name words to the
/// shared dictionary) only after the batch before has written its own, so a batch can only wait for an earlier one; and a
/// batch starts only after the one before has committed when that one updates customers (their triggers lock name words
/// late) or when it has a contact of a company an earlier batch created (the foreign key needs that one committed).
/// </summary>
internal sealed class ImportPipeline(
    IServiceScopeFactory scopes, Spreadsheet sheet, ImportProcessor.Settings settings, ImportJob job, TimeProvider clock, TimeSpan lease)
{
    private readonly ImportProcessor.Memory memory = new();

    /// <summary>A decided batch with the scope (and so the DbContext) whose change tracker holds its updates.</summary>
    private sealed record DecidedBatch(AsyncServiceScope Scope, ImportBatch Batch, int End);

    /// <summary>A batch being stored: when its customers are written, when it committed, and whom it updates.</summary>
    private sealed record Storing(Task CustomersWritten, Task Committed, IReadOnlySet<Guid> Updating);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var done = new Storing(Task.CompletedTask, Task.CompletedTask, new HashSet<Guid>());
        var (before, previous) = (done, done);
        var next = job.RowsDone < sheet.Rows.Count ? DecideAsync(job.RowsDone, previous: null, cancellationToken) : null;
        try
        {
            while (next is not null)
            {
                var current = await next;
                var mustFollowCommit = previous.Updating.Count > 0 || current.Batch.UsesEarlierCompanies;
                var customersWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var (startAfter, commitAfter) = (mustFollowCommit ? previous.Committed : previous.CustomersWritten, previous.Committed);
                var committed = Task.Run(() => StoreInTurnAsync(current, startAfter, commitAfter, customersWritten, cancellationToken), CancellationToken.None);
                (before, previous) = (previous, new Storing(customersWritten.Task, committed, current.Batch.Updated));
                // The next batch is decided while this one and (still) the one before are stored.
                next = current.End < sheet.Rows.Count && !cancellationToken.IsCancellationRequested
                    ? DecideAsync(current.End, new ImportBatchInFlight(before.Updating.Union(previous.Updating).ToHashSet(), Task.WhenAll(before.Committed, committed)), cancellationToken)
                    : null;
                // At most two batches are stored at a time.
                await before.Committed;
            }

            await previous.Committed;
        }
        catch
        {
            await SettleAsync(before.Committed, previous.Committed, next);
            throw;
        }
    }

    private Task<DecidedBatch> DecideAsync(int start, ImportBatchInFlight? previous, CancellationToken cancellationToken) =>
        // On the thread pool from the start, so that not even mapping the rows holds up the batch being stored.
        Task.Run(async () =>
        {
            var scope = scopes.CreateAsyncScope();
            try
            {
                var rows = sheet.Rows.Skip(start).Take(ImportProcessor.BatchSize)
                    .Select((cells, offset) => ImportedRow.From(start + offset + 2, cells, job.Columns, job.CustomColumns)).ToList();
                var batch = await scope.ServiceProvider.GetRequiredService<ImportProcessor>()
                    .DecideAsync(rows, settings, memory, job.CreatedBy ?? Guid.Empty, job.Id, apply: true, previous, cancellationToken);
                return new DecidedBatch(scope, batch, start + rows.Count);
            }
            catch
            {
                await scope.DisposeAsync();
                throw;
            }
        }, cancellationToken);

    /// <summary>
    /// The batch and the job's progress in one transaction, started once <paramref name="startAfter"/> and committed once
    /// <paramref name="commitAfter"/> completed (a failed batch before fails this one, which is then rolled back); the
    /// job's version proves the lease is still ours.
    /// </summary>
    private async Task StoreInTurnAsync(
        DecidedBatch decided, Task startAfter, Task commitAfter, TaskCompletionSource customersWritten, CancellationToken cancellationToken)
    {
        await using var scope = decided.Scope;
        try
        {
            await startAfter;
            var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<ImportProcessor>()
                .StoreAsync(decided.Batch, job.Id, () => customersWritten.TrySetResult(), cancellationToken);
            await commitAfter;
            db.Attach(job);
            Record(db, decided.Batch.Outcomes);
            job.RowsDone = decided.End;
            job.BatchCommitted(clock.GetUtcNow() + lease);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.Entry(job).State = EntityState.Detached;
        }
        finally
        {
            // Never left waiting: a batch after one that failed before writing its customers fails in turn.
            customersWritten.TrySetCanceled(CancellationToken.None);
        }
    }

    private void Record(CustomersDbContext db, List<RowOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            switch (outcome.Action)
            {
                case ImportAction.Create: job.Created++; break;
                case ImportAction.Update: job.Updated++; break;
                case ImportAction.Skip: job.Skipped++; break;
                case ImportAction.Fail: job.Failed++; break;
            }

            foreach (var problem in outcome.Problems)
            {
                db.ImportRowErrors.Add(new ImportRowError
                {
                    JobId = job.Id, Row = outcome.Row, Column = problem.Column, Message = problem.Message, IsSkip = outcome.Action == ImportAction.Skip,
                });
            }
        }
    }

    /// <summary>After a failure: lets the batches still being stored end (they roll back) and disposes a decided one, so nothing runs on.</summary>
    private static async Task SettleAsync(Task before, Task previous, Task<DecidedBatch>? decided)
    {
        try
        {
            await Task.WhenAll(before, previous);
        }
        catch (Exception)
        {
            // The failure that ends the round is already on its way up.
        }

        try
        {
            if (decided is not null)
            {
                await (await decided).Scope.DisposeAsync();
            }
        }
        catch (Exception)
        {
            // It failed too, or waited for the failed batch.
        }
    }
}
