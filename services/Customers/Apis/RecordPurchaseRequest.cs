using FluentValidation;

namespace Crm.Customers.Apis;

public sealed record RecordPurchaseRequest(DateTimeOffset? PurchasedAt, decimal? Amount, string? Currency, IReadOnlyList<PurchaseItemDto>? Items);

public sealed record PurchaseItemDto(string? Sku, string? Name, decimal? Quantity, decimal? UnitPrice);

public sealed class RecordPurchaseRequestValidator : AbstractValidator<RecordPurchaseRequest>
{
    public RecordPurchaseRequestValidator(TimeProvider clock)
    {
        RuleFor(request => request.PurchasedAt).NotNull()
            .LessThanOrEqualTo(_ => clock.GetUtcNow().AddDays(1)).WithMessage("'purchasedAt' cannot be in the future.");
        RuleFor(request => request.Amount).NotNull().GreaterThanOrEqualTo(0).PrecisionScale(18, 2, ignoreTrailingZeros: true);
        RuleFor(request => request.Currency).NotEmpty().Matches("^[A-Z]{3}$").WithMessage("'currency' is an ISO 4217 code such as EUR.");
        RuleFor(request => request.Items).Must(items => items is null || items.Count <= 500).WithMessage("At most 500 items.");
        RuleForEach(request => request.Items).ChildRules(item =>
        {
            item.RuleFor(i => i!.Name).NotEmpty().MaximumLength(200);
            item.RuleFor(i => i!.Sku).MaximumLength(64);
            item.RuleFor(i => i!.Quantity).NotNull().GreaterThan(0);
            item.RuleFor(i => i!.UnitPrice).NotNull().GreaterThanOrEqualTo(0);
        });
    }
}
