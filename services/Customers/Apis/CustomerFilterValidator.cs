using FluentValidation;

namespace Crm.Customers.Apis;

public sealed class CustomerFilterValidator<T> : AbstractValidator<T>
    where T : ICustomerFilter
{
    public CustomerFilterValidator()
    {
        // PostgreSQL refuses NUL in text; caught here it is a 400 naming q instead of a failed query.
        RuleFor(query => query.Q).MaximumLength(200).Must(text => text is null || !text.Contains('\0')).WithMessage("'q' may not contain NUL characters.");
        RuleFor(query => query.Kind).IsInEnum();
        RuleFor(query => query.Tier).IsInEnum();
        RuleFor(query => query.Lifecycle).IsInEnum();
        RuleFor(query => query.Grade).MaximumLength(RatingRulesValidator.MaxGradeLength);
        RuleFor(query => query.CreatedTo).GreaterThan(query => query.CreatedFrom)
            .When(query => query.CreatedFrom is not null && query.CreatedTo is not null);
    }
}
