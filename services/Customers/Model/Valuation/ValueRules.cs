namespace Crm.Customers.Model.Valuation;

/// <summary>
/// How the customer service values customers; administrators edit it through the API. Amounts are in
/// <see cref="Currency"/>: a purchase in another currency counts at its rate in <see cref="ExchangeRates"/>, and one in
/// a currency without a rate counts for recency and frequency but not for spend.
/// </summary>
/// <param name="Tiers">Checked in order; the first rule whose conditions all hold gives the tier; none → General.</param>
/// <param name="DormantAfterDays">No purchase and no interaction for this long makes a customer dormant.</param>
/// <param name="LifetimeHorizonYears">How far ahead the lifetime value looks.</param>
/// <param name="Rating">Grades and the terms they grant; rules saved before ratings existed get <see cref="RatingRules.Default"/>.</param>
public sealed record ValueRules(
    string Currency,
    IReadOnlyDictionary<string, decimal> ExchangeRates,
    RfmThresholds Rfm,
    IReadOnlyList<TierRule> Tiers,
    int DormantAfterDays,
    LifecycleRules Lifecycle,
    int LifetimeHorizonYears,
    RatingRules? Rating = null)
{
    public RatingRules RatingOrDefault => Rating ?? RatingRules.Default;

    public static ValueRules Default { get; } = new(
        "EUR",
        new Dictionary<string, decimal>(),
        new RfmThresholds([30, 90, 180, 365], [2, 4, 8, 16], [1_000m, 5_000m, 20_000m, 50_000m]),
        [
            new TierRule(ValueTier.HighValue, MinTotalSpend: 50_000m),
            new TierRule(ValueTier.HighValue, MinPurchases: 12, MaxDaysSinceLastPurchase: 365),
            new TierRule(ValueTier.Potential, MinTotalSpend: 5_000m),
            new TierRule(ValueTier.Potential, Sources: ["referral", "partner"]),
        ],
        DormantAfterDays: 180,
        new LifecycleRules(NewWithinDays: 90, LoyalMinPurchases: 5, AtRiskFromChurnRisk: 60, ChurnedAfterDays: 365),
        LifetimeHorizonYears: 3,
        RatingRules.Default);
}

/// <summary>
/// The four boundaries between the five RFM scores. Recency: at most <c>RecencyDays[0]</c> days since the last
/// purchase scores 5, at most <c>[1]</c> scores 4, and so on; beyond <c>[3]</c> scores 1. Frequency and monetary: at
/// least <c>[3]</c> scores 5, at least <c>[2]</c> scores 4, ..., below <c>[0]</c> scores 1.
/// </summary>
public sealed record RfmThresholds(IReadOnlyList<int> RecencyDays, IReadOnlyList<int> Frequency, IReadOnlyList<decimal> Monetary);

/// <summary>A tier and the conditions (all must hold; an absent one holds always) that earn it.</summary>
public sealed record TierRule(
    ValueTier Tier,
    decimal? MinTotalSpend = null,
    int? MinPurchases = null,
    int? MaxDaysSinceLastPurchase = null,
    IReadOnlyList<string>? Sources = null,
    IReadOnlyList<string>? Industries = null,
    IReadOnlyList<string>? Regions = null);

/// <param name="NewWithinDays">A customer whose first purchase is this recent is new.</param>
/// <param name="LoyalMinPurchases">This many purchases make a customer loyal.</param>
/// <param name="AtRiskFromChurnRisk">A churn risk (0–100) from this value up puts the customer at risk.</param>
/// <param name="ChurnedAfterDays">No purchase for this long: churned.</param>
public sealed record LifecycleRules(int NewWithinDays, int LoyalMinPurchases, int AtRiskFromChurnRisk, int ChurnedAfterDays);
