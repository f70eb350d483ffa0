using Crm.Customers.Model.Imports;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Infrastructure.Imports;

/// <summary>
/// Runs an import's batches two at a time: while one batch is stored and committed on its own connection, the next is
/// decided (duplicate checks, validation, new customers and their events) on another, so that PostgreSQL's writing and
/// the service's work overlap instead of taking turns. Batches still commit one after the other in file order, each
/// with the job's progress, so a restart carries on after the last committed batch as before.
/// </summary>
internal sealed class ImportPipeline(
    IServiceScopeFactory scopes, Spreadsheet sheet, ImportProcessor.Settings settings, ImportJob job, TimeProvider clock, TimeSpan lease)
{
    private readonly ImportProcessor.Memory memory = new();

    /// <summary>A decided batch with the scope (and so the DbContext) whose change tracker holds its updates.</summary>
    private sealed record DecidedBatch(AsyncServiceScope Scope, ImportBatch Batch, int End);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var next = job.RowsDone < sheet.Rows.Count ? DecideAsync(job.RowsDone, previous: null, cancellationToken) : null;
        while (next is not null)
        {
            var current = await next;
            var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            next = current.End < sheet.Rows.Count && !cancellationToken.IsCancellationRequested
                ? DecideAsync(current.End, new ImportBatchInFlight(current.Batch.Updated, stored.Task), cancellationToken)
                : null;
            try
            {
                await StoreAsync(current, cancellationToken);
                stored.SetResult();
            }
            catch
            {
                stored.SetCanceled(CancellationToken.None);
                await AbandonAsync(next);
                throw;
            }
            finally
            {
                await current.Scope.DisposeAsync();
            }
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

    /// <summary>The batch and the job's progress in one transaction; the job's version proves the lease is still ours.</summary>
    private async Task StoreAsync(DecidedBatch decided, CancellationToken cancellationToken)
    {
        var db = decided.Scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await decided.Scope.ServiceProvider.GetRequiredService<ImportProcessor>().StoreAsync(decided.Batch, cancellationToken);
        db.Attach(job);
        Record(db, decided.Batch.Outcomes);
        job.RowsDone = decided.End;
        job.LeaseUntil = clock.GetUtcNow() + lease;
        (job.Attempts, job.LastError) = (1, null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.Entry(job).State = EntityState.Detached;
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

    /// <summary>The batch decided after one that failed is never stored; its scope still has to go.</summary>
    private static async Task AbandonAsync(Task<DecidedBatch>? decided)
    {
        if (decided is null)
        {
            return;
        }

        try
        {
            await (await decided).Scope.DisposeAsync();
        }
        catch (Exception)
        {
            // It failed too (or waited for the failed batch); the failure that ends the round is the stored batch's.
        }
    }
}
