using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Support.Infrastructure;

/// <summary>
/// Fires due durable timers. Each replica polls; a due row is claimed with <c>FOR UPDATE SKIP LOCKED</c>, handled and
/// deleted in one transaction together with the events it publishes (outbox), so a timer fires exactly once however
/// many replicas run, and one that was due while every replica was down fires when the first one comes back.
/// </summary>
public sealed class TimerWorker(IServiceScopeFactory scopeFactory, TimeProvider time, IOptions<TimerOptions> options, ILogger<TimerWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var fired = 0;
            try
            {
                fired = await FireDueAsync(settings.BatchSize, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database failed (restart, network): the timers stay and are claimed on a later poll.
                logger.LogError(exception, "Firing due timers failed; retrying");
            }

            if (fired < settings.BatchSize)
            {
                await Task.Delay(settings.PollInterval, TimeProvider.System, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

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
