using FluentValidation;

namespace Crm.Customers.Apis;

public sealed class CustomerFilterValidator<T> : AbstractValidator<T>
    where T : ICustomerFilter
{
    public CustomerFilterValidator()
    {
        RuleFor(query => query.Q).MaximumLength(200);
        RuleFor(query => query.Kind).IsInEnum();
        RuleFor(query => query.Tier).IsInEnum();
        RuleFor(query => query.Lifecycle).IsInEnum();
        RuleFor(query => query.Grade).MaximumLength(RatingRulesValidator.MaxGradeLength);
        RuleFor(query => query.CreatedTo).GreaterThan(query => query.CreatedFrom)
            .When(query => query.CreatedFrom is not null && query.CreatedTo is not null);
    }
}
