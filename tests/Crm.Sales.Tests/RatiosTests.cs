using Crm.Sales.Model;

namespace Crm.Sales.Tests;

public sealed class RatiosTests
{
    [Fact]
    public void Rates_and_averages_have_four_places_and_nothing_to_divide_by_is_null()
    {
        Ratios.Rate(2, 3).ShouldBe(0.6667m);
        Ratios.Rate(0, 0).ShouldBeNull();
        Ratios.Average(4_000m, 2).ShouldBe(2_000m);
        Ratios.Average(10m, 3).ShouldBe(3.3333m);
        Ratios.Average(5m, 0).ShouldBeNull();
    }

    [Fact]
    public void A_deal_reaches_every_stage_up_to_the_furthest_it_got_even_when_it_skipped_some()
    {
        Ratios.ReachedAtLeast([4, 4, 3, 0], stageCount: 5).ShouldBe([4, 3, 3, 3, 2]);
        Ratios.ReachedAtLeast([], stageCount: 3).ShouldBe([0, 0, 0]);
    }
}
