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
    RatingResponse Rating,
    DateTimeOffset ComputedAt)
{
    public static CustomerValueResponse From(CustomerValue value, ValueRules rules) => new(
        value.CustomerId, value.Tier, value.Lifecycle, value.Activity, new RfmResponse(value.Recency, value.Frequency, value.Monetary),
        value.PurchaseCount, value.TotalSpend, value.LifetimeValue, rules.Currency, value.FirstPurchaseAt, value.LastPurchaseAt,
        value.ChurnRisk, value.ChurnReasons, RatingResponse.From(value, rules), value.ComputedAt);
}

/// <summary>The customer's grade, what it was chosen by, and the terms the administrator set for it.</summary>
/// <param name="Terms">The grade's terms under the rules in force now; null if the grade no longer exists (until the next revaluation).</param>
public sealed record RatingResponse(string Grade, RatingBasis Basis, decimal RatedValue, CustomerTerms? Terms)
{
    public static RatingResponse From(CustomerValue value, ValueRules rules) => new(
        value.Grade, value.RatingBasis, value.RatedValue,
        rules.RatingOrDefault.Grades.FirstOrDefault(grade => grade.Grade == value.Grade)?.Terms);
}

/// <summary>Each 1–5 (5 best); 0 while the customer has bought nothing.</summary>
public sealed record RfmResponse(int Recency, int Frequency, int Monetary);
