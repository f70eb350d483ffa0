namespace Crm.Contracts.Customers;

/// <summary>
/// The customer's computed value changed (after a purchase, a complaint, a satisfaction answer or the nightly sweep).
/// Carries the whole current picture so segment rules can use it without asking the customer service.
/// </summary>
/// <param name="Recency">RFM recency score, 1 (long ago) to 5 (recent); 0 without purchases.</param>
/// <param name="Frequency">RFM frequency score 1–5; 0 without purchases.</param>
/// <param name="Monetary">RFM monetary score 1–5; 0 without purchases.</param>
/// <param name="Activity">Active or Dormant.</param>
/// <param name="ChurnRisk">0 (safe) to 100 (about to leave).</param>
public sealed record CustomerValueChanged(
    Guid CustomerId,
    int Recency,
    int Frequency,
    int Monetary,
    decimal TotalSpend,
    decimal LifetimeValue,
    int PurchaseCount,
    DateTimeOffset? LastPurchaseAt,
    string Tier,
    string Lifecycle,
    string Activity,
    int ChurnRisk,
    DateTimeOffset OccurredAt);
