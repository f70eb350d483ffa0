using Crm.Customers.Model.Valuation;

namespace Crm.Customers.Tests;

/// <summary>Hand-computed valuations under the default rules (EUR; dormant after 180 days; three-year horizon).</summary>
public sealed class CustomerValuationTests
{
    private static readonly ValueRules Rules = ValueRules.Default;

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    private static ValuationInput Input(
        PurchaseTotals[]? purchases = null, int openComplaints = 0, double? averageRating = null, DateTimeOffset? lastInteraction = null,
        DateTimeOffset? createdAt = null, string? source = null, string? industry = null, string? region = null) =>
        new(purchases ?? [], openComplaints, averageRating, lastInteraction, createdAt ?? Utc(2024, 1, 1), source, industry, region);

    [Fact]
    public void A_customer_without_purchases_is_a_general_prospect_worth_nothing()
    {
        var valuation = CustomerValuation.Compute(Input(createdAt: Utc(2026, 6, 20)), Rules, Utc(2026, 6, 30));

        valuation.ShouldBe(new Valuation(0, 0, 0, 0, 0m, null, null, 0m, ValueTier.General, CustomerActivity.Active,
            LifecycleStage.Prospect, 0, valuation.ChurnReasons, RatingBasis.PredictedValue, 0m, "D"));
        valuation.ChurnReasons.ShouldBeEmpty();
    }

    [Fact]
    public void A_prospect_nobody_talked_to_for_longer_than_the_dormancy_window_is_dormant()
    {
        CustomerValuation.Compute(Input(createdAt: Utc(2025, 12, 1)), Rules, Utc(2026, 6, 30)).Activity.ShouldBe(CustomerActivity.Dormant);
        CustomerValuation.Compute(Input(createdAt: Utc(2025, 12, 1), lastInteraction: Utc(2026, 6, 1)), Rules, Utc(2026, 6, 30))
            .Activity.ShouldBe(CustomerActivity.Active);
    }

    [Fact]
    public void Five_regular_purchases_make_a_loyal_potential_customer_with_a_projected_lifetime_value()
    {
        // 5 purchases, 6,000 EUR, 1 Jan to 10 Jun: 160 days, so one every 40 days; the last 20.5 days ago.
        var purchases = new[] { new PurchaseTotals("EUR", 5, 6_000m, Utc(2026, 1, 1), Utc(2026, 6, 10)) };

        var valuation = CustomerValuation.Compute(Input(purchases), Rules, Utc(2026, 6, 30, 12));

        valuation.Recency.ShouldBe(5);     // ≤ 30 days
        valuation.Frequency.ShouldBe(3);   // ≥ 4, < 8
        valuation.Monetary.ShouldBe(3);    // ≥ 5,000, < 20,000
        valuation.TotalSpend.ShouldBe(6_000m);
        valuation.Tier.ShouldBe(ValueTier.Potential);
        valuation.Lifecycle.ShouldBe(LifecycleStage.Loyal);
        valuation.ChurnRisk.ShouldBe(0);
        // 6,000 + (6,000 / 5) × (365 / 40) × 3 years × 100 % = 6,000 + 1,200 × 9.125 × 3 = 38,850
        valuation.LifetimeValue.ShouldBe(38_850m);
    }

    [Fact]
    public void Open_complaints_and_low_ratings_raise_the_churn_risk_and_lower_the_lifetime_value()
    {
        // One purchase 180 days ago: exactly the usual interval (the dormancy window), so no recency points.
        var purchases = new[] { new PurchaseTotals("EUR", 1, 1_000m, Utc(2026, 1, 1), Utc(2026, 1, 1)) };

        var valuation = CustomerValuation.Compute(Input(purchases, openComplaints: 2, averageRating: 1.5), Rules, Utc(2026, 6, 30));

        valuation.ChurnRisk.ShouldBe(30 + 15);   // 2 × 15 for complaints, (3 − 1.5) × 10 for satisfaction
        valuation.ChurnReasons.ShouldBe(["2 open complaints", "Average satisfaction 1.5/5"]);
        valuation.Lifecycle.ShouldBe(LifecycleStage.Active);   // first purchase over 90 days ago, risk below 60
        valuation.Activity.ShouldBe(CustomerActivity.Active);
        valuation.LifetimeValue.ShouldBe(1_000m + 1_000m * 1 * 3 * 0.55m);
    }

    [Fact]
    public void A_customer_overdue_by_twice_the_usual_interval_with_complaints_is_at_risk()
    {
        // 3 purchases from 1 Jan to 2 Mar 2025: one every 30 days; none for 60 days on 1 May.
        var purchases = new[] { new PurchaseTotals("EUR", 3, 900m, Utc(2025, 1, 1), Utc(2025, 3, 2)) };

        var valuation = CustomerValuation.Compute(Input(purchases, openComplaints: 3, averageRating: 2.0), Rules, Utc(2025, 5, 1));

        valuation.ChurnRisk.ShouldBe(25 + 30 + 10);   // (60 / 30 − 1) × 25, complaints capped at 30, (3 − 2) × 10
        valuation.ChurnReasons[0].ShouldBe("No purchase for 60 days, 2.0 times the usual 30 days");
        valuation.Lifecycle.ShouldBe(LifecycleStage.AtRisk);
        valuation.Recency.ShouldBe(4);   // 60 days: ≤ 90
    }

    [Fact]
    public void Recency_decline_points_stop_at_fifty_and_a_year_without_purchases_is_churned()
    {
        var purchases = new[] { new PurchaseTotals("EUR", 2, 200m, Utc(2024, 1, 1), Utc(2024, 1, 31)) };

        var valuation = CustomerValuation.Compute(Input(purchases), Rules, Utc(2025, 6, 1));

        valuation.ChurnRisk.ShouldBe(CustomerValuation.MaxRecencyPoints);
        valuation.Lifecycle.ShouldBe(LifecycleStage.Churned);
        valuation.Recency.ShouldBe(1);
        valuation.Activity.ShouldBe(CustomerActivity.Dormant);
    }

    [Theory]
    [InlineData(30, 5)]
    [InlineData(31, 4)]
    [InlineData(90, 4)]
    [InlineData(180, 3)]
    [InlineData(365, 2)]
    [InlineData(366, 1)]
    public void Recency_scores_follow_the_day_boundaries(int daysAgo, int score)
    {
        var now = Utc(2026, 6, 30);
        var purchases = new[] { new PurchaseTotals("EUR", 1, 10m, now.AddDays(-daysAgo), now.AddDays(-daysAgo)) };

        CustomerValuation.Compute(Input(purchases), Rules, now).Recency.ShouldBe(score);
    }

    [Fact]
    public void Spend_counts_foreign_currencies_at_their_rate_and_leaves_out_those_without_one()
    {
        var rules = Rules with { ExchangeRates = new Dictionary<string, decimal> { ["USD"] = 0.5m } };
        var day = Utc(2026, 6, 1);
        var purchases = new[]
        {
            new PurchaseTotals("EUR", 1, 1_000m, day, day),
            new PurchaseTotals("USD", 2, 10_000m, day, day),
            new PurchaseTotals("GBP", 1, 99_999m, day, day),
        };

        var valuation = CustomerValuation.Compute(Input(purchases), rules, Utc(2026, 6, 30));

        valuation.TotalSpend.ShouldBe(6_000m);
        valuation.PurchaseCount.ShouldBe(4);
        valuation.Tier.ShouldBe(ValueTier.Potential);
    }

    [Fact]
    public void The_first_tier_rule_whose_conditions_all_hold_wins()
    {
        var now = Utc(2026, 6, 30);
        var recent = new[] { new PurchaseTotals("EUR", 12, 1_200m, now.AddDays(-300), now.AddDays(-10)) };
        var stale = new[] { new PurchaseTotals("EUR", 12, 1_200m, now.AddDays(-700), now.AddDays(-400)) };
        var big = new[] { new PurchaseTotals("EUR", 1, 50_000m, now.AddDays(-5), now.AddDays(-5)) };

        CustomerValuation.Compute(Input(big), Rules, now).Tier.ShouldBe(ValueTier.HighValue);
        CustomerValuation.Compute(Input(recent), Rules, now).Tier.ShouldBe(ValueTier.HighValue);   // 12 purchases, last within 365 days
        CustomerValuation.Compute(Input(stale), Rules, now).Tier.ShouldBe(ValueTier.General);
        CustomerValuation.Compute(Input(stale, source: "Referral"), Rules, now).Tier.ShouldBe(ValueTier.Potential);

        var regional = Rules with { Tiers = [new TierRule(ValueTier.HighValue, MinTotalSpend: 1_000m, Industries: ["retail"], Regions: ["EMEA"])] };
        CustomerValuation.Compute(Input(recent, industry: "retail", region: "EMEA"), regional, now).Tier.ShouldBe(ValueTier.HighValue);
        CustomerValuation.Compute(Input(recent, industry: "retail", region: "APAC"), regional, now).Tier.ShouldBe(ValueTier.General);
        CustomerValuation.Compute(Input(recent, region: "EMEA"), regional, now).Tier.ShouldBe(ValueTier.General);
    }

    [Fact]
    public void A_first_purchase_within_the_new_window_makes_a_new_customer()
    {
        var now = Utc(2026, 6, 30);
        var purchases = new[] { new PurchaseTotals("EUR", 1, 100m, now.AddDays(-20), now.AddDays(-20)) };

        CustomerValuation.Compute(Input(purchases), Rules, now).Lifecycle.ShouldBe(LifecycleStage.New);
    }
}
