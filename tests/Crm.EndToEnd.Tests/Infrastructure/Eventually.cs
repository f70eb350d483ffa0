using System.Diagnostics;

namespace Crm.EndToEnd.Tests.Infrastructure;

/// <summary>Polls for an outcome that arrives asynchronously (an event, a span), up to a deadline.</summary>
public static class Eventually
{
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"Not within {within.TotalSeconds:0.#} s: {what}");
            }

            await Task.Delay(25);
        }
    }
}
