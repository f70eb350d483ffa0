namespace Crm.Customers.Model.Valuation;

/// <summary>What a customer is worth and how they stand, as of one moment.</summary>
public sealed record Valuation(
    int Recency,
    int Frequency,
    int Monetary,
    int PurchaseCount,
    decimal TotalSpend,
    DateTimeOffset? FirstPurchaseAt,
    DateTimeOffset? LastPurchaseAt,
    decimal LifetimeValue,
    ValueTier Tier,
    CustomerActivity Activity,
    LifecycleStage Lifecycle,
    int ChurnRisk,
    IReadOnlyList<string> ChurnReasons,
    RatingBasis RatingBasis,
    decimal RatedValue,
    string Grade)
{
    /// <summary>A new customer's standing before anything happened: a General, active prospect worth nothing, in the lowest grade.</summary>
    public static Valuation Initial(ValueRules rules) =>
        new(0, 0, 0, 0, 0m, null, null, 0m, ValueTier.General, CustomerActivity.Active, LifecycleStage.Prospect, 0, [],
            RatingBasis.PredictedValue, 0m, rules.RatingOrDefault.GradeFor(0m).Grade);
}
