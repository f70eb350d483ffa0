using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Crm.BuildingBlocks.Hosting;

namespace Crm.Support.Infrastructure;

/// <summary>
/// Fires due durable timers. Each replica polls; a due row is claimed with <c>FOR UPDATE SKIP LOCKED</c>, handled and
/// deleted in one transaction together with the events it publishes (outbox), so a timer fires exactly once however
/// many replicas run, and one that was due while every replica was down fires when the first one comes back.
/// </summary>
public sealed class TimerWorker(IServiceScopeFactory scopeFactory, TimeProvider time, IOptions<TimerOptions> options, ILogger<TimerWorker> logger)
    : PollingWorker(TimeProvider.System, logger)
{
    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken) =>
        await FireDueAsync(options.Value.BatchSize, cancellationToken) == options.Value.BatchSize;

    private async Task<int> FireDueAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        var handler = scope.ServiceProvider.GetRequiredService<TimerHandler>();
        var now = time.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Timers
            .FromSql($"SELECT * FROM timers WHERE due_at <= {now} ORDER BY due_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        foreach (var timer in due)
        {
            if (await handler.FireAsync(timer, now, cancellationToken))
            {
                db.Timers.Remove(timer);
            }
            else
            {
                timer.DueAt = now + options.Value.RetryDelay;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }
}
