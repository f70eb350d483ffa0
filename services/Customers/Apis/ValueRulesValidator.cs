using Crm.Customers.Model.Valuation;
using FluentValidation;

namespace Crm.Customers.Apis;

public sealed class ValueRulesValidator : AbstractValidator<ValueRules>
{
    private const string CurrencyPattern = "^[A-Z]{3}$";

    public ValueRulesValidator()
    {
        RuleFor(rules => rules.Currency).NotEmpty().Matches(CurrencyPattern).WithMessage("'currency' is an ISO 4217 code such as EUR.");
        RuleFor(rules => rules.ExchangeRates).NotNull();
        RuleForEach(rules => rules.ExchangeRates).Must(rate => System.Text.RegularExpressions.Regex.IsMatch(rate.Key, CurrencyPattern) && rate.Value > 0)
            .WithMessage("Each exchange rate maps an ISO 4217 code (upper case) to a positive rate into 'currency'.")
            .When(rules => rules.ExchangeRates is not null);
        RuleFor(rules => rules.Rfm).NotNull();
        RuleFor(rules => rules.Rfm.RecencyDays).Must(FourAscending).WithMessage(FourAscendingMessage).When(rules => rules.Rfm is not null);
        RuleFor(rules => rules.Rfm.Frequency).Must(FourAscending).WithMessage(FourAscendingMessage).When(rules => rules.Rfm is not null);
        RuleFor(rules => rules.Rfm.Monetary).Must(FourAscending).WithMessage(FourAscendingMessage).When(rules => rules.Rfm is not null);
        RuleFor(rules => rules.Tiers).NotNull().Must(tiers => tiers.Count <= 50).WithMessage("At most 50 tier rules.");
        RuleForEach(rules => rules.Tiers).ChildRules(tier =>
        {
            tier.RuleFor(rule => rule.Tier).IsInEnum();
            tier.RuleFor(rule => rule.MinTotalSpend).GreaterThanOrEqualTo(0);
            tier.RuleFor(rule => rule.MinPurchases).GreaterThanOrEqualTo(0);
            tier.RuleFor(rule => rule.MaxDaysSinceLastPurchase).GreaterThanOrEqualTo(0);
        }).When(rules => rules.Tiers is not null);
        RuleFor(rules => rules.DormantAfterDays).InclusiveBetween(1, 3650);
        RuleFor(rules => rules.Lifecycle).NotNull();
        RuleFor(rules => rules.Lifecycle.NewWithinDays).InclusiveBetween(1, 3650).When(rules => rules.Lifecycle is not null);
        RuleFor(rules => rules.Lifecycle.LoyalMinPurchases).InclusiveBetween(1, 10_000).When(rules => rules.Lifecycle is not null);
        RuleFor(rules => rules.Lifecycle.AtRiskFromChurnRisk).InclusiveBetween(1, 100).When(rules => rules.Lifecycle is not null);
        RuleFor(rules => rules.Lifecycle.ChurnedAfterDays).InclusiveBetween(1, 3650).When(rules => rules.Lifecycle is not null);
        RuleFor(rules => rules.LifetimeHorizonYears).InclusiveBetween(1, 20);
        RuleFor(rules => rules.Rating!).SetValidator(new RatingRulesValidator()).When(rules => rules.Rating is not null);
    }

    private const string FourAscendingMessage = "Give exactly four boundaries, each above the one before and none negative.";

    private static bool FourAscending<T>(IReadOnlyList<T>? boundaries) where T : IComparable<T> =>
        boundaries is { Count: 4 } && boundaries[0].CompareTo(default!) >= 0
        && boundaries.Zip(boundaries.Skip(1)).All(pair => pair.First.CompareTo(pair.Second) < 0);
}
