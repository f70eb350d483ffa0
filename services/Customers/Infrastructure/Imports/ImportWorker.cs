using Crm.BuildingBlocks.CustomFields;
using Crm.Customers.Model.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Crm.BuildingBlocks.Hosting;

namespace Crm.Customers.Infrastructure.Imports;

/// <summary>
/// Runs imports and reverts in the background, one batch per transaction with the job's progress, so a restart (or
/// another replica, once the lease runs out) carries on after the last committed batch.
/// </summary>
public sealed partial class ImportWorker(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<ImportOptions> options, ILogger<ImportWorker> logger)
    : PollingWorker(clock, logger)
{
    private readonly string holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await WorkOnNextJobAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another replica took the job, or a batch met a concurrent edit: the next round starts from the last commit.
            return false;
        }
    }

    /// <returns>Whether there was a job to work on.</returns>
    private async Task<bool> WorkOnNextJobAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var now = Clock.GetUtcNow();
        var job = await db.ImportJobs
            .Where(j => (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running || j.Status == ImportStatus.Reverting)
                && (j.LeaseUntil == null || j.LeaseUntil < now))
            .OrderBy(j => j.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return false;
        }

        job.Status = job.Status == ImportStatus.Queued ? ImportStatus.Running : job.Status;
        job.LeaseHolder = holder;
        job.LeaseUntil = now + options.Value.Lease;
        await db.SaveChangesAsync(cancellationToken);

        if (job.Status == ImportStatus.Reverting)
        {
            var reverter = scope.ServiceProvider.GetRequiredService<ImportReverter>();
            while (await InBatchAsync(db, job, () => reverter.RevertBatchAsync(job, cancellationToken), cancellationToken))
            {
            }

            await FinishAsync(db, job, ImportStatus.Reverted, cancellationToken);
            return true;
        }

        Spreadsheet sheet;
        try
        {
            var content = await db.ImportFiles.Where(file => file.JobId == job.Id).Select(file => file.Content).SingleAsync(cancellationToken);
            sheet = Spreadsheet.Read(job.FileName, content);
        }
        catch (UnreadableSpreadsheetException exception)
        {
            job.FailureReason = exception.Message;
            await FinishAsync(db, job, ImportStatus.Failed, cancellationToken);
            return true;
        }

        var processor = scope.ServiceProvider.GetRequiredService<ImportProcessor>();
        var settings = new ImportProcessor.Settings(
            job.Mode, job.MatchOn, sheet.Headers, job.Columns, job.CustomColumns, await db.DefinitionsAsync(cancellationToken));
        var memory = new ImportProcessor.Memory();
        job.TotalRows = sheet.Rows.Count;
        while (job.RowsDone < sheet.Rows.Count && !cancellationToken.IsCancellationRequested)
        {
            var rows = sheet.Rows.Skip(job.RowsDone).Take(ImportProcessor.BatchSize)
                .Select((cells, offset) => ImportedRow.From(job.RowsDone + offset + 2, cells, job.Columns, job.CustomColumns)).ToList();
            await InBatchAsync(db, job, async () =>
            {
                var outcomes = await processor.ProcessAsync(rows, settings, memory, job.CreatedBy ?? Guid.Empty, job.Id, apply: true, cancellationToken);
                Record(db, job, outcomes);
                job.RowsDone += rows.Count;
                return true;
            }, cancellationToken);
        }

        await FinishAsync(db, job, ImportStatus.Completed, cancellationToken);
        return true;
    }

    private static void Record(CustomersDbContext db, ImportJob job, List<RowOutcome> outcomes)
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

    /// <summary>One batch and the job's progress in one transaction; the job's version proves the lease is still ours.</summary>
    private async Task<bool> InBatchAsync(CustomersDbContext db, ImportJob job, Func<Task<bool>> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var more = await batch();
        job.LeaseUntil = Clock.GetUtcNow() + options.Value.Lease;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        db.Attach(job);
        return more;
    }

    private async Task FinishAsync(CustomersDbContext db, ImportJob job, ImportStatus status, CancellationToken cancellationToken)
    {
        (job.Status, job.CompletedAt, job.LeaseHolder, job.LeaseUntil) = (status, Clock.GetUtcNow(), null, null);
        await db.SaveChangesAsync(cancellationToken);
        LogImportFinished(logger, job.Id, status, job.Created, job.Updated, job.Skipped, job.Failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} {Status}: {Created} created, {Updated} updated, {Skipped} skipped, {Failed} failed")]
    private static partial void LogImportFinished(ILogger logger, Guid jobId, ImportStatus status, int created, int updated, int skipped, int failed);

}
