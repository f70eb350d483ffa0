using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.BuildingBlocks.Messaging;

/// <summary>
/// Relays committed outbox rows to the broker. Per database only one dispatcher works at a time (an advisory lock held
/// for each batch), and it publishes strictly in sequence order: a row that fails stops the batch and is retried with
/// exponential back-off, never skipped, so per-aggregate order survives broker outages and restarts.
/// </summary>
internal sealed class OutboxDispatcher<TDbContext>(
    IServiceScopeFactory scopeFactory,
    OutboxSignal<TDbContext> signal,
    OutboxMessagePublisher publisher,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher<TDbContext>> logger) : BackgroundService
    where TDbContext : MessagingDbContext
{
    private const int MaxErrorLength = 2000;

    private readonly MessagingOptions settings = options.Value;
    private int consecutiveFailures;
    private DateTimeOffset nextPurge = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            DispatchOutcome outcome;
            try
            {
                outcome = await DispatchBatchAsync(stoppingToken);
                if (outcome == DispatchOutcome.Drained)
                {
                    await PurgeIfDueAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database failed (restart, network): back off exactly as for a failed publish.
                logger.LogError(exception, "The outbox dispatcher of {DbContext} failed; retrying", typeof(TDbContext).Name);
                outcome = DispatchOutcome.Failed;
            }

            consecutiveFailures = outcome == DispatchOutcome.Failed ? consecutiveFailures + 1 : 0;
            var pause = outcome switch
            {
                DispatchOutcome.MoreWaiting => Task.CompletedTask,
                DispatchOutcome.Failed => Task.Delay(RetryDelay(), time, stoppingToken),
                _ => signal.WaitAsync(settings.PollInterval, stoppingToken),
            };
            await pause.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<DispatchOutcome> DispatchBatchAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(stoppingToken);
        if (!await AdvisoryLocks.TryLockDispatcherAsync(db, stoppingToken))
        {
            return DispatchOutcome.NotLeader;
        }

        var batch = await db.Set<OutboxMessage>()
            .AsNoTracking()
            .Where(message => message.DispatchedAt == null)
            .OrderBy(message => message.Sequence)
            .Take(settings.BatchSize)
            .ToListAsync(stoppingToken);

        foreach (var message in batch)
        {
            try
            {
                await publisher.PublishAsync(message, stoppingToken);
            }
            catch (Exception exception)
            {
                // Marks are kept even when stopping, so a restart re-sends as little as possible (the inbox would
                // absorb the duplicates anyway). The database work does not take the stopping token for that reason.
                if (!stoppingToken.IsCancellationRequested)
                {
                    await RecordFailureAsync(db, message, exception);
                }

                await transaction.CommitAsync(CancellationToken.None);
                stoppingToken.ThrowIfCancellationRequested();
                return DispatchOutcome.Failed;
            }

            await db.Set<OutboxMessage>()
                .Where(row => row.Id == message.Id)
                .ExecuteUpdateAsync(
                    row => row
                        .SetProperty(m => m.DispatchedAt, time.GetUtcNow())
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.LastError, (string?)null),
                    CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        return batch.Count == settings.BatchSize ? DispatchOutcome.MoreWaiting : DispatchOutcome.Drained;
    }

    private async Task RecordFailureAsync(TDbContext db, OutboxMessage message, Exception exception)
    {
        logger.LogWarning(
            exception,
            "Publishing outbox message {MessageId} ({MessageType}, sequence {Sequence}) failed on attempt {Attempt}; it and the rows after it wait for the retry",
            message.Id, message.MessageType, message.Sequence, message.Attempts + 1);
        var error = exception.ToString();
        error = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        await db.Set<OutboxMessage>()
            .Where(row => row.Id == message.Id)
            .ExecuteUpdateAsync(
                row => row
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastError, error),
                CancellationToken.None);
    }

    private TimeSpan RetryDelay()
    {
        var exponent = Math.Min(consecutiveFailures - 1, 20);
        var delay = settings.FirstRetryDelay * Math.Pow(2, exponent);
        return delay < settings.MaxRetryDelay ? delay : settings.MaxRetryDelay;
    }

    private async Task PurgeIfDueAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        if (now < nextPurge)
        {
            return;
        }

        nextPurge = now + settings.PurgeInterval;
        var cutoff = now - settings.Retention;
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var outbox = await db.Set<OutboxMessage>().Where(message => message.DispatchedAt < cutoff).ExecuteDeleteAsync(stoppingToken);
        var inbox = await db.Set<InboxMessage>().Where(message => message.ReceivedAt < cutoff).ExecuteDeleteAsync(stoppingToken);
        if (outbox + inbox > 0)
        {
            logger.LogInformation(
                "Purged {OutboxCount} dispatched outbox rows and {InboxCount} inbox entries older than {Cutoff}", outbox, inbox, cutoff);
        }
    }
}
