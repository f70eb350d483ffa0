namespace Crm.Customers.Model.Valuation;

/// <summary>
/// The customer's computed value, kept apart from <see cref="Customer"/> so that recomputing it never changes the
/// customer's ETag under a user who is editing the record.
/// </summary>
public class CustomerValue
{
    public Guid CustomerId { get; set; }

    /// <summary>
    /// The customer's creation time, copied because it never changes: a filter on tier, lifecycle or grade sorted newest
    /// first then reads one index of this table in order instead of sorting every customer of that tier.
    /// </summary>
    public DateTimeOffset CustomerCreatedAt { get; set; }
    public int Recency { get; set; }
    public int Frequency { get; set; }
    public int Monetary { get; set; }
    public int PurchaseCount { get; set; }
    public decimal TotalSpend { get; set; }
    public DateTimeOffset? FirstPurchaseAt { get; set; }
    public DateTimeOffset? LastPurchaseAt { get; set; }
    public decimal LifetimeValue { get; set; }
    public ValueTier Tier { get; set; }
    public CustomerActivity Activity { get; set; }
    public LifecycleStage Lifecycle { get; set; }
    public int ChurnRisk { get; set; }
    public List<string> ChurnReasons { get; set; } = [];
    public RatingBasis RatingBasis { get; set; }
    public decimal RatedValue { get; set; }
    public string Grade { get; set; } = "";
    public DateTimeOffset ComputedAt { get; set; }

    public Valuation ToValuation() => new(Recency, Frequency, Monetary, PurchaseCount, TotalSpend, FirstPurchaseAt, LastPurchaseAt,
        LifetimeValue, Tier, Activity, Lifecycle, ChurnRisk, ChurnReasons, RatingBasis, RatedValue, Grade);

    public void Set(Valuation valuation, DateTimeOffset computedAt)
    {
        (Recency, Frequency, Monetary, PurchaseCount, TotalSpend) =
            (valuation.Recency, valuation.Frequency, valuation.Monetary, valuation.PurchaseCount, valuation.TotalSpend);
        (FirstPurchaseAt, LastPurchaseAt, LifetimeValue) = (valuation.FirstPurchaseAt, valuation.LastPurchaseAt, valuation.LifetimeValue);
        (Tier, Activity, Lifecycle, ChurnRisk, ChurnReasons) =
            (valuation.Tier, valuation.Activity, valuation.Lifecycle, valuation.ChurnRisk, [.. valuation.ChurnReasons]);
        (RatingBasis, RatedValue, Grade) = (valuation.RatingBasis, valuation.RatedValue, valuation.Grade);
        ComputedAt = computedAt;
    }
}
