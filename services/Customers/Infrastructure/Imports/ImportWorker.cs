using Crm.BuildingBlocks.CustomFields;
using Crm.Customers.Model.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Crm.BuildingBlocks.Hosting;

namespace Crm.Customers.Infrastructure.Imports;

/// <summary>
/// Runs imports and reverts in the background, one batch per transaction with the job's progress, so a restart (or
/// another replica, once the lease runs out) carries on after the last committed batch. A batch that keeps failing is
/// tried <see cref="ImportOptions.MaxAttempts"/> times, one try per lease period, and then fails the job with its error.
/// </summary>
public sealed partial class ImportWorker(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<ImportOptions> options, ILogger<ImportWorker> logger)
    : PollingWorker(clock, logger)
{
    private const int MaxErrorLength = 900;

    private readonly string holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    /// <returns>Whether there was a job to work on.</returns>
    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        ImportJob? job;
        try
        {
            job = await ClaimNextJobAsync(db, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another replica took the job first.
            return false;
        }

        if (job is null)
        {
            return false;
        }

        try
        {
            await WorkOnAsync(scope.ServiceProvider, db, job, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another replica took the job, or a batch met a concurrent edit: not a failed try; the next round starts
            // from the last commit.
            await GiveBackAsync(job.Id, cancellationToken);
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping cut the try short; it did not fail, and a restart may take the job again at once.
            await GiveBackAsync(job.Id, CancellationToken.None);
            throw;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            await RecordFailedAttemptAsync(job.Id, exception, cancellationToken);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Takes the oldest job waiting for work whose lease is free, counting the take-over as a try at its current batch:
    /// a process that died in that batch never got to count its failure.
    /// </summary>
    private async Task<ImportJob?> ClaimNextJobAsync(CustomersDbContext db, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var job = await db.ImportJobs
            .Where(j => (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running || j.Status == ImportStatus.Reverting)
                && (j.LeaseUntil == null || j.LeaseUntil < now))
            .OrderBy(j => j.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return null;
        }

        job.Status = job.Status == ImportStatus.Queued ? ImportStatus.Running : job.Status;
        job.LeaseHolder = holder;
        job.LeaseUntil = now + options.Value.Lease;
        job.Attempts++;
        if (job.Attempts > options.Value.MaxAttempts)
        {
            await GiveUpAsync(db, job, cancellationToken);
            return null;
        }

        await db.SaveChangesAsync(cancellationToken);
        return job;
    }

    private async Task WorkOnAsync(IServiceProvider services, CustomersDbContext db, ImportJob job, CancellationToken cancellationToken)
    {
        if (job.Status == ImportStatus.Reverting)
        {
            var reverter = services.GetRequiredService<ImportReverter>();
            while (await InBatchAsync(db, job, () => reverter.RevertBatchAsync(job, cancellationToken), cancellationToken))
            {
            }

            await FinishAsync(db, job, ImportStatus.Reverted, cancellationToken);
            return;
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
            return;
        }

        var settings = new ImportProcessor.Settings(
            job.Mode, job.MatchOn, sheet.Headers, job.Columns, job.CustomColumns, await db.DefinitionsAsync(cancellationToken));
        job.TotalRows = sheet.Rows.Count;
        await db.SaveChangesAsync(cancellationToken);
        // The job is saved by each batch's own context from here on; the claiming context takes it back to finish.
        db.Entry(job).State = EntityState.Detached;
        await new ImportPipeline(scopes, sheet, settings, job, Clock, options.Value.Lease).RunAsync(cancellationToken);
        db.Attach(job);
        if (!cancellationToken.IsCancellationRequested)
        {
            await FinishAsync(db, job, ImportStatus.Completed, cancellationToken);
        }
    }

    /// <summary>One batch and the job's progress in one transaction; the job's version proves the lease is still ours.</summary>
    private async Task<bool> InBatchAsync(CustomersDbContext db, ImportJob job, Func<Task<bool>> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var more = await batch();
        job.BatchCommitted(Clock.GetUtcNow() + options.Value.Lease);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        db.Attach(job);
        return more;
    }

    private async Task FinishAsync(CustomersDbContext db, ImportJob job, ImportStatus status, CancellationToken cancellationToken)
    {
        (job.Status, job.CompletedAt, job.LeaseHolder, job.LeaseUntil) = (status, Clock.GetUtcNow(), null, null);
        if (status != ImportStatus.Failed)
        {
            (job.Attempts, job.LastError) = (0, null);
        }

        await db.SaveChangesAsync(cancellationToken);
        LogImportFinished(logger, job.Id, status, job.Created, job.Updated, job.Skipped, job.Failed);
    }

    /// <summary>The try ended in a conflict, not a fault: uncount it and free the lease so the next round tries again at once.</summary>
    private async Task GiveBackAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        await db.ImportJobs.Where(job => job.Id == jobId && job.LeaseHolder == holder)
            .ExecuteUpdateAsync(job => job
                .SetProperty(j => j.Attempts, j => j.Attempts > 0 ? j.Attempts - 1 : 0)
                .SetProperty(j => j.LeaseHolder, (string?)null)
                .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>
    /// Keeps the error with the job. The lease stays until it runs out, so the batch is tried again one lease period
    /// later; after the last allowed try the job fails.
    /// </summary>
    private async Task RecordFailedAttemptAsync(Guid jobId, Exception exception, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var job = await db.ImportJobs.SingleOrDefaultAsync(j => j.Id == jobId && j.LeaseHolder == holder, cancellationToken);
        var error = exception.GetBaseException().Message;
        LogBatchFailed(logger, exception, jobId, job?.Attempts ?? 0, options.Value.MaxAttempts, job?.RowsDone + 2 ?? 0);
        if (job is null)
        {
            return;
        }

        job.LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        if (job.Attempts >= options.Value.MaxAttempts)
        {
            await GiveUpAsync(db, job, cancellationToken);
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private Task GiveUpAsync(CustomersDbContext db, ImportJob job, CancellationToken cancellationToken)
    {
        job.Attempts = Math.Min(job.Attempts, options.Value.MaxAttempts);
        job.FailureReason = $"Stopped after {job.Attempts} failed tries at the batch from row {job.RowsDone + 2}: "
            + (job.LastError ?? "the worker stopped during each try.");
        return FinishAsync(db, job, ImportStatus.Failed, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} {Status}: {Created} created, {Updated} updated, {Skipped} skipped, {Failed} failed")]
    private static partial void LogImportFinished(ILogger logger, Guid jobId, ImportStatus status, int created, int updated, int skipped, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {JobId}: try {Attempt} of {MaxAttempts} at the batch from row {Row} failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, Guid jobId, int attempt, int maxAttempts, int row);

}
