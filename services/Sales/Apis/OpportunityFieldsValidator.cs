using FluentValidation;

namespace Crm.Sales.Apis;

/// <summary>The rules every opportunity write shares.</summary>
public sealed class OpportunityFieldsValidator<T> : AbstractValidator<T>
    where T : IOpportunityFields
{
    public OpportunityFieldsValidator()
    {
        RuleFor(request => request.Name).NotEmpty().MaximumLength(200);
        RuleFor(request => request.CustomerId).NotNull().NotEqual(Guid.Empty);
        // numeric(19,4): up to 15 digits before the point and 4 after.
        RuleFor(request => request.Amount).NotNull().GreaterThanOrEqualTo(0).PrecisionScale(19, 4, ignoreTrailingZeros: true);
        RuleFor(request => request.Currency).NotEmpty().Matches("^[A-Z]{3}$")
            .WithMessage("'currency' is a three-letter ISO 4217 code such as EUR.");
        RuleFor(request => request.ExpectedCloseDate).NotNull();
        RuleFor(request => request.Source).MaximumLength(100);
        RuleFor(request => request.OwnerId).NotEqual(Guid.Empty);
        RuleFor(request => request.Probability).InclusiveBetween(0, 100);
    }
}
