using Crm.Customers.Model.Valuation;

namespace Crm.Customers.Apis;

/// <param name="Currency">The currency of the amounts: the value rules' currency.</param>
public sealed record CustomerValueResponse(
    Guid CustomerId,
    ValueTier Tier,
    LifecycleStage Lifecycle,
    CustomerActivity Activity,
    RfmResponse Rfm,
    int PurchaseCount,
    decimal TotalSpend,
    decimal LifetimeValue,
    string Currency,
    DateTimeOffset? FirstPurchaseAt,
    DateTimeOffset? LastPurchaseAt,
    int ChurnRisk,
    IReadOnlyList<string> ChurnReasons,
    DateTimeOffset ComputedAt)
{
    public static CustomerValueResponse From(CustomerValue value, string currency) => new(
        value.CustomerId, value.Tier, value.Lifecycle, value.Activity, new RfmResponse(value.Recency, value.Frequency, value.Monetary),
        value.PurchaseCount, value.TotalSpend, value.LifetimeValue, currency, value.FirstPurchaseAt, value.LastPurchaseAt,
        value.ChurnRisk, value.ChurnReasons, value.ComputedAt);
}

/// <summary>Each 1–5 (5 best); 0 while the customer has bought nothing.</summary>
public sealed record RfmResponse(int Recency, int Frequency, int Monetary);
