using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.BuildingBlocks.Hosting;

/// <summary>
/// A background loop every replica runs over work kept in the database (timers, sweeps, imports, sends): rounds, each
/// followed by a pause, except that a round reporting more work waiting is followed at once by the next. A failed round
/// is logged and tried again after the pause; the work's state is in the database, so nothing is lost. Keeping replicas
/// apart (SKIP LOCKED claims, leases) is the round's business.
/// </summary>
public abstract class PollingWorker(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The service's clock, for the rounds' own notion of now.</summary>
    protected TimeProvider Clock => clock;

    protected abstract TimeSpan PollInterval { get; }

    /// <returns>True when more work is waiting, so the next round starts without a pause.</returns>
    protected abstract Task<bool> RunRoundAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunRoundAsync(stoppingToken))
                {
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "A {Worker} round failed; trying again in {Interval}", GetType().Name, PollInterval);
            }

            await Task.Delay(PollInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
