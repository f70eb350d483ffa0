namespace Crm.Customers.Model.Valuation;

/// <summary>Everything a customer's value is computed from, read in bulk so the nightly sweep can value many at once.</summary>
/// <param name="Purchases">Per currency: how many, how much, first and last.</param>
/// <param name="AverageRating">The average 1–5 rating the customer gave in the last year, if any.</param>
/// <param name="OpenPipeline">Open deals in sales: amount, currency and win probability (0–100).</param>
/// <param name="LeadScore">Marketing's latest lead score, if any.</param>
public sealed record ValuationInput(
    IReadOnlyList<PurchaseTotals> Purchases,
    int OpenComplaints,
    double? AverageRating,
    DateTimeOffset? LastInteractionAt,
    DateTimeOffset CreatedAt,
    string? Source,
    string? Industry,
    string? Region,
    IReadOnlyList<OpenDeal>? OpenPipeline = null,
    int? LeadScore = null);

public sealed record OpenDeal(decimal Amount, string Currency, int Probability);

public sealed record PurchaseTotals(string Currency, int Count, decimal Amount, DateTimeOffset First, DateTimeOffset Last);
