using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.ServiceDefaults.WarmUp;

/// <summary>
/// Runs the registered <see cref="IWarmUpStep"/>s one after another once every hosted service (the bus among them) has
/// started, then opens the <see cref="WarmUpGate"/>. Warming up only saves time: a step that fails or outlasts
/// <see cref="MaxDuration"/> is logged and the process becomes ready all the same.
/// </summary>
internal sealed class StartupWarmUp(
    IEnumerable<IWarmUpStep> steps,
    WarmUpGate gate,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<StartupWarmUp> logger) : BackgroundService
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await StartedAsync(stoppingToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            deadline.CancelAfter(MaxDuration);
            var started = time.GetTimestamp();
            foreach (var step in steps)
            {
                if (deadline.IsCancellationRequested)
                {
                    logger.LogWarning("Warming up took longer than {MaxDuration}; the remaining steps are skipped", MaxDuration);
                    break;
                }

                await RunAsync(step, deadline.Token, stoppingToken);
            }

            logger.LogInformation("Warmed up in {Elapsed:0} ms", time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before it was ready.
        }
        finally
        {
            gate.Open();
        }
    }

    private async Task RunAsync(IWarmUpStep step, CancellationToken deadline, CancellationToken stoppingToken)
    {
        var started = time.GetTimestamp();
        try
        {
            await step.RunAsync(deadline);
            logger.LogDebug("Warm-up step {Step} took {Elapsed:0} ms", step.GetType().Name, time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Warm-up step {Step} failed after {Elapsed:0} ms; the first requests will be slower",
                step.GetType().Name, time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private Task StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }
}
