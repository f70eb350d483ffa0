using Crm.Support.Apis;

namespace Crm.Support.Tests;

public sealed class DurationStatsTests
{
    [Fact]
    public void The_90th_percentile_is_the_nearest_rank()
    {
        // Ten values: rank ceil(0.9 × 10) = 9, the ninth smallest.
        var stats = MetricsApi.Durations([.. Enumerable.Range(1, 10).Select(i => TimeSpan.FromMinutes(i * 10)).Reverse()]);

        stats.ShouldBe(new DurationStats(10, 55, 90));
    }

    [Fact]
    public void Few_values_take_the_largest_and_none_give_no_figures()
    {
        // Three values: rank ceil(2.7) = 3.
        MetricsApi.Durations([TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(90), TimeSpan.FromMinutes(30)])
            .ShouldBe(new DurationStats(3, 43.3, 90));
        MetricsApi.Durations([]).ShouldBe(new DurationStats(0, null, null));
    }
}
