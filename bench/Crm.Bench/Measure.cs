using System.Diagnostics;
using System.Globalization;

namespace Crm.Bench;

/// <summary>Times repeated runs of an operation and prints percentiles.</summary>
public static class Measure
{
    public static async Task<double> PercentilesAsync(string what, int runs, Func<int, Task> operation, double targetP95Ms)
    {
        for (var warmUp = 0; warmUp < Math.Min(20, runs); warmUp++)
        {
            await operation(warmUp);
        }

        var timings = new List<double>(runs);
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            await operation(run);
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        timings.Sort();
        double At(double quantile) => timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(quantile * timings.Count) - 1)];
        var p95 = At(0.95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-52} runs {runs,5}  p50 {At(0.50),7:F1} ms  p95 {p95,7:F1} ms  p99 {At(0.99),7:F1} ms  target p95 < {targetP95Ms} ms: {(p95 < targetP95Ms ? "met" : "MISSED")}"));
        return p95;
    }

    public static async Task<TimeSpan> OnceAsync(Func<Task> operation)
    {
        var watch = Stopwatch.StartNew();
        await operation();
        return watch.Elapsed;
    }
}
