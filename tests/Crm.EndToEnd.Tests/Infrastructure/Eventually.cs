using System.Diagnostics;

namespace Crm.EndToEnd.Tests.Infrastructure;

/// <summary>Polls for an outcome that arrives asynchronously (an event, a span), up to a deadline.</summary>
public static class Eventually
{
    /// <summary>What the running system adds to a timeout's message: set by the fixture that started it.</summary>
    public static Func<string>? DescribeSystem { get; set; }

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
                var system = DescribeSystem is { } describe ? Environment.NewLine + describe() : "";
                throw new TimeoutException($"Not within {within.TotalSeconds:0.#} s: {what}{system}");
            }

            await Task.Delay(25);
        }
    }
}
