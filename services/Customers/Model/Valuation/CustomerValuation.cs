using System.Globalization;

namespace Crm.Customers.Model.Valuation;

/// <summary>
/// Values one customer under the administrator's rules. Pure: the same input, rules and moment give the same answer,
/// which is what lets the nightly sweep and an event-driven recomputation agree.
/// </summary>
public static class CustomerValuation
{
    /// <summary>Recency decline earns up to this many churn points: 25 for each usual interval overdue.</summary>
    public const int MaxRecencyPoints = 50;
    public const int PointsPerOpenComplaint = 15;
    public const int MaxComplaintPoints = 30;

    /// <summary>An average rating below 3 earns 10 points per star missing, at most 20.</summary>
    public const int MaxSatisfactionPoints = 20;

    /// <summary>Buying more often than weekly is not projected into the future.</summary>
    private const double MaxPurchasesPerYear = 52;

    public static Valuation Compute(ValuationInput input, ValueRules rules, DateTimeOffset now)
    {
        var count = input.Purchases.Sum(totals => totals.Count);
        var spend = decimal.Round(input.Purchases.Sum(totals => InBaseCurrency(totals, rules)), 2);
        DateTimeOffset? first = count == 0 ? null : input.Purchases.Min(totals => totals.First);
        DateTimeOffset? last = count == 0 ? null : input.Purchases.Max(totals => totals.Last);
        double? daysSinceLast = last is { } lastAt ? Math.Max(0, (now - lastAt).TotalDays) : null;

        var (churnRisk, reasons) = ChurnRisk(input, rules, count, first, last, daysSinceLast);
        var lastContact = Latest(last, input.LastInteractionAt) ?? input.CreatedAt;
        var activity = (now - lastContact).TotalDays > rules.DormantAfterDays ? CustomerActivity.Dormant : CustomerActivity.Active;

        return new Valuation(
            Recency: daysSinceLast is { } days ? RecencyScore(days, rules.Rfm.RecencyDays) : 0,
            Frequency: count == 0 ? 0 : AscendingScore(count, rules.Rfm.Frequency.Select(threshold => (decimal)threshold).ToList()),
            Monetary: count == 0 ? 0 : AscendingScore(spend, rules.Rfm.Monetary),
            PurchaseCount: count,
            TotalSpend: spend,
            FirstPurchaseAt: first,
            LastPurchaseAt: last,
            LifetimeValue: LifetimeValue(spend, count, first, last, churnRisk, rules),
            Tier: Tier(input, rules, spend, count, daysSinceLast),
            Activity: activity,
            Lifecycle: Lifecycle(rules.Lifecycle, count, first, daysSinceLast, churnRisk, now),
            ChurnRisk: churnRisk,
            ChurnReasons: reasons,
            RatingBasis: count > 0 ? RatingBasis.ValueCreated : RatingBasis.PredictedValue,
            RatedValue: count > 0 ? spend : PredictedValue(input, rules),
            Grade: rules.RatingOrDefault.GradeFor(count > 0 ? spend : PredictedValue(input, rules)).Grade);
    }

    /// <summary>A prospect's worth: open deals weighted by their probability, plus the lead score's points at their value.</summary>
    private static decimal PredictedValue(ValuationInput input, ValueRules rules)
    {
        var pipeline = (input.OpenPipeline ?? []).Sum(deal => InBaseCurrency(deal.Amount, deal.Currency, rules) * deal.Probability / 100m);
        var leadScore = Math.Max(0, input.LeadScore ?? 0) * rules.RatingOrDefault.ValuePerLeadScorePoint;
        return decimal.Round(pipeline + leadScore, 2);
    }

    private static decimal InBaseCurrency(PurchaseTotals totals, ValueRules rules) => InBaseCurrency(totals.Amount, totals.Currency, rules);

    private static decimal InBaseCurrency(decimal amount, string currency, ValueRules rules) =>
        string.Equals(currency, rules.Currency, StringComparison.OrdinalIgnoreCase) ? amount
        : rules.ExchangeRates.TryGetValue(currency.ToUpperInvariant(), out var rate) ? amount * rate
        : 0m;

    private static int RecencyScore(double days, IReadOnlyList<int> boundaries)
    {
        for (var index = 0; index < boundaries.Count; index++)
        {
            if (days <= boundaries[index])
            {
                return 5 - index;
            }
        }

        return 1;
    }

    private static int AscendingScore(decimal value, IReadOnlyList<decimal> boundaries)
    {
        var score = 1;
        foreach (var boundary in boundaries)
        {
            if (value >= boundary)
            {
                score++;
            }
        }

        return score;
    }

    /// <summary>The usual time between purchases; with one purchase, the dormancy window stands in for it.</summary>
    private static double UsualIntervalDays(int count, DateTimeOffset? first, DateTimeOffset? last, ValueRules rules) =>
        count >= 2 && first is { } from && last is { } to ? Math.Max(1, (to - from).TotalDays / (count - 1)) : rules.DormantAfterDays;

    private static (int Risk, List<string> Reasons) ChurnRisk(
        ValuationInput input, ValueRules rules, int count, DateTimeOffset? first, DateTimeOffset? last, double? daysSinceLast)
    {
        var reasons = new List<string>();
        var risk = 0;
        if (daysSinceLast is { } days)
        {
            var usual = UsualIntervalDays(count, first, last, rules);
            var overdue = days / usual;
            var points = (int)Math.Clamp(Math.Round((overdue - 1) * 25, MidpointRounding.AwayFromZero), 0, MaxRecencyPoints);
            if (points > 0)
            {
                risk += points;
                reasons.Add(string.Create(CultureInfo.InvariantCulture,
                    $"No purchase for {Math.Floor(days)} days, {overdue:0.0} times the usual {Math.Round(usual)} days"));
            }
        }

        if (input.OpenComplaints > 0)
        {
            risk += Math.Min(MaxComplaintPoints, input.OpenComplaints * PointsPerOpenComplaint);
            reasons.Add(input.OpenComplaints == 1 ? "1 open complaint" : $"{input.OpenComplaints} open complaints");
        }

        if (input.AverageRating is { } rating && rating < 3)
        {
            risk += (int)Math.Min(MaxSatisfactionPoints, Math.Round((3 - rating) * 10, MidpointRounding.AwayFromZero));
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"Average satisfaction {rating:0.0}/5"));
        }

        return (Math.Clamp(risk, 0, 100), reasons);
    }

    /// <summary>
    /// What was spent plus what is expected over the horizon: the average order, at the customer's usual pace,
    /// discounted by the chance of keeping them (100 − churn risk).
    /// </summary>
    private static decimal LifetimeValue(decimal spend, int count, DateTimeOffset? first, DateTimeOffset? last, int churnRisk, ValueRules rules)
    {
        if (count == 0)
        {
            return 0m;
        }

        var perYear = count >= 2 ? Math.Min(MaxPurchasesPerYear, 365 / UsualIntervalDays(count, first, last, rules)) : 1;
        var expected = spend / count * (decimal)perYear * rules.LifetimeHorizonYears * (100 - churnRisk) / 100m;
        return decimal.Round(spend + expected, 2);
    }

    private static ValueTier Tier(ValuationInput input, ValueRules rules, decimal spend, int count, double? daysSinceLast) =>
        rules.Tiers.FirstOrDefault(rule =>
            (rule.MinTotalSpend is not { } minSpend || spend >= minSpend) &&
            (rule.MinPurchases is not { } minPurchases || count >= minPurchases) &&
            (rule.MaxDaysSinceLastPurchase is not { } maxDays || daysSinceLast is { } days && days <= maxDays) &&
            Matches(rule.Sources, input.Source) && Matches(rule.Industries, input.Industry) && Matches(rule.Regions, input.Region))
        ?.Tier ?? ValueTier.General;

    private static bool Matches(IReadOnlyList<string>? allowed, string? value) =>
        allowed is not { Count: > 0 } || value is not null && allowed.Contains(value, StringComparer.OrdinalIgnoreCase);

    private static LifecycleStage Lifecycle(
        LifecycleRules rules, int count, DateTimeOffset? first, double? daysSinceLast, int churnRisk, DateTimeOffset now) =>
        count == 0 ? LifecycleStage.Prospect
        : daysSinceLast > rules.ChurnedAfterDays ? LifecycleStage.Churned
        : churnRisk >= rules.AtRiskFromChurnRisk ? LifecycleStage.AtRisk
        : count >= rules.LoyalMinPurchases ? LifecycleStage.Loyal
        : (now - first!.Value).TotalDays <= rules.NewWithinDays ? LifecycleStage.New
        : LifecycleStage.Active;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a > b || b is null ? a : b;
}
