using Crm.Hosting.Processes;

namespace Crm.Hosting.Orchestration;

internal static class Readiness
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Polls <paramref name="probe"/> until it says yes; fails fast if the process dies meanwhile.</summary>
    public static async Task WaitAsync(
        string resourceName,
        ChildProcess? process,
        TimeSpan timeout,
        Func<CancellationToken, Task<bool>> probe,
        CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? lastError = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process is { HasExited: true })
            {
                throw new ResourceStartupException(
                    resourceName,
                    $"the process exited with code {await process.WaitForExitAndOutputAsync(cancellationToken)} before it was ready.{LastLines(process)}");
            }

            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(AttemptTimeout);
            try
            {
                if (await probe(attempt.Token))
                {
                    return;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = e;
            }

            if (DateTime.UtcNow > deadline)
            {
                var reason = lastError is null ? string.Empty : $" Last error: {lastError.Message}";
                throw new ResourceStartupException(resourceName, $"not ready after {timeout.TotalSeconds:0} s.{reason}{LastLines(process)}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static string LastLines(ChildProcess? process) =>
        process is null || process.RecentOutput.Length == 0
            ? string.Empty
            : $"{Environment.NewLine}Last output:{Environment.NewLine}{process.RecentOutput}";
}
