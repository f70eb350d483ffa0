using Crm.Customers.Model.Valuation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Crm.BuildingBlocks.Hosting;

namespace Crm.Customers.Infrastructure;

/// <summary>
/// Revalues every customer, batch by batch in id order, when a sweep is due: each night, and after the value rules
/// change. Each batch commits with the sweep's progress, so a restart resumes where it stopped; the sweep row's
/// version makes sure only the replica holding the lease records progress.
/// </summary>
public sealed partial class ValueSweepWorker(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<ValueSweepOptions> options, ILogger<ValueSweepWorker> logger)
    : PollingWorker(clock, logger)
{
    private readonly string holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunDueSweepAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another replica took the sweep, or the rules changed and restarted it: look again next round.
        }

        return false;
    }

    private async Task RunDueSweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var recalculator = scope.ServiceProvider.GetRequiredService<ValueRecalculator>();
        var sweep = await db.ValueSweeps.SingleAsync(s => s.Id == ValueSweep.SingletonId, cancellationToken);
        var now = Clock.GetUtcNow();
        var todays = new DateTimeOffset(now.UtcDateTime.Date + options.Value.NightlyAtUtc, TimeSpan.Zero);
        var lastNightly = todays <= now ? todays : todays.AddDays(-1);
        if (!sweep.IsDue && (sweep.RequestedAt ?? DateTimeOffset.MinValue) < lastNightly)
        {
            Request(sweep, now, "nightly");
        }

        if (!sweep.IsDue || (sweep.LeaseUntil > now && sweep.LeaseHolder != holder))
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        if (sweep.Cursor is null)
        {
            (sweep.StartedAt, sweep.Processed, sweep.Changed) = (now, 0, 0);
            LogSweepStarted(logger, sweep.Reason);
        }

        sweep.LeaseHolder = holder;
        sweep.LeaseUntil = now + options.Value.Lease;
        await db.SaveChangesAsync(cancellationToken);

        var rules = await ValueRecalculator.LoadRulesAsync(db, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var after = sweep.Cursor ?? Guid.Empty;
            var batch = await db.Database.SqlQuery<Guid>(
                    $"SELECT id AS \"Value\" FROM customers WHERE id > {after} ORDER BY id LIMIT {options.Value.BatchSize}")
                .ToListAsync(cancellationToken);
            now = Clock.GetUtcNow();
            if (batch.Count == 0)
            {
                (sweep.CompletedAt, sweep.Cursor, sweep.LeaseHolder, sweep.LeaseUntil) = (now, null, null, null);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                LogSweepCompleted(logger, sweep.Processed, sweep.Changed);
                return;
            }

            sweep.Changed += await recalculator.RevalueAsync(batch, rules, cancellationToken);
            sweep.Processed += batch.Count;
            sweep.Cursor = batch[^1];
            sweep.LeaseUntil = now + options.Value.Lease;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            db.Attach(sweep);
        }
    }

    /// <summary>Asks for a sweep from the first customer on, replacing one under way (whose progress used other rules).</summary>
    public static void Request(ValueSweep sweep, DateTimeOffset now, string reason)
    {
        (sweep.RequestedAt, sweep.Reason, sweep.Cursor) = (now, reason, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Value sweep started ({Reason})")]
    private static partial void LogSweepStarted(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Value sweep completed: {Processed} customers valued, {Changed} changed")]
    private static partial void LogSweepCompleted(ILogger logger, long processed, long changed);

}
