using System.Diagnostics;

namespace Crm.BuildingBlocks.Tests.Infrastructure;

/// <summary>Bounded polling: asynchronous effects are awaited by condition, never by a fixed sleep.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> isDone, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (isDone(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                var shown = value is System.Collections.ICollection items ? $"{items.Count} items" : value?.ToString();
                throw new TimeoutException($"Condition not met within {limit}; last value: {shown}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        }
    }
}
