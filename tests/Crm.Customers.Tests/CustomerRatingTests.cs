using Crm.Customers.Model.Valuation;

namespace Crm.Customers.Tests;

/// <summary>
/// Hand-computed ratings under the default grades (A from 50,000, B from 10,000, C from 1,000, D from 0 EUR; 50 EUR per
/// lead score point for prospects).
/// </summary>
public sealed class CustomerRatingTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 30, 0, 0, 0, TimeSpan.Zero);

    private static readonly ValueRules Rules = ValueRules.Default with { ExchangeRates = new Dictionary<string, decimal> { ["USD"] = 0.9m } };

    private static ValuationInput Prospect(OpenDeal[] pipeline, int? leadScore) =>
        new([], 0, null, null, Now.AddDays(-10), null, null, null, pipeline, leadScore);

    [Fact]
    public void A_prospect_is_rated_by_its_weighted_open_pipeline_plus_its_lead_score()
    {
        // 20,000 EUR at 40 % = 8,000; 5,000 USD at 50 % = 2,500 USD = 2,250 EUR; lead score 30 × 50 = 1,500: 11,750.
        var valuation = CustomerValuation.Compute(
            Prospect([new OpenDeal(20_000m, "EUR", 40), new OpenDeal(5_000m, "USD", 50)], leadScore: 30), Rules, Now);

        (valuation.RatingBasis, valuation.RatedValue, valuation.Grade).ShouldBe((RatingBasis.PredictedValue, 11_750m, "B"));
    }

    [Fact]
    public void A_prospect_with_neither_pipeline_nor_score_is_in_the_lowest_grade()
    {
        var valuation = CustomerValuation.Compute(Prospect([], leadScore: null), Rules, Now);

        (valuation.RatedValue, valuation.Grade).ShouldBe((0m, "D"));
        Rules.RatingOrDefault.GradeFor(valuation.RatedValue).Terms.ShouldBe(new CustomerTerms(0m, 14, "Standard"));
    }

    [Fact]
    public void A_customer_who_has_bought_is_rated_by_value_created_and_the_pipeline_no_longer_counts()
    {
        var input = new ValuationInput(
            [new PurchaseTotals("EUR", 2, 48_000m, Now.AddDays(-200), Now.AddDays(-20)), new PurchaseTotals("USD", 1, 3_000m, Now.AddDays(-5), Now.AddDays(-5))],
            0, null, null, Now.AddYears(-1), null, null, null, [new OpenDeal(1_000_000m, "EUR", 90)], LeadScore: 99);

        var valuation = CustomerValuation.Compute(input, Rules, Now);

        // 48,000 + 3,000 × 0.9 = 50,700 EUR spent: grade A.
        (valuation.RatingBasis, valuation.RatedValue, valuation.Grade).ShouldBe((RatingBasis.ValueCreated, 50_700m, "A"));
        Rules.RatingOrDefault.GradeFor(valuation.RatedValue).Terms.ShouldBe(new CustomerTerms(100_000m, 60, "Priority"));
    }

    [Theory]
    [InlineData(49_999.99, "B")]
    [InlineData(50_000, "A")]
    [InlineData(999.99, "D")]
    [InlineData(1_000, "C")]
    public void A_grade_starts_at_its_minimum_value(double ratedValue, string grade) =>
        RatingRules.Default.GradeFor((decimal)ratedValue).Grade.ShouldBe(grade);
}
