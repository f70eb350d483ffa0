using FluentValidation;

namespace Crm.Customers.Apis;

/// <summary>The rules every customer write shares.</summary>
public sealed class CustomerFieldsValidator<T> : AbstractValidator<T>
    where T : ICustomerFields
{
    public const int MaxTags = 50;

    public CustomerFieldsValidator()
    {
        RuleFor(request => request.Name).NotEmpty().MaximumLength(200);
        RuleFor(request => request.Email).EmailAddress().MaximumLength(254);
        RuleFor(request => request.Phone).MaximumLength(32).Matches(@"^\+?[0-9 ()./-]{3,}$")
            .WithMessage("'phone' may hold digits, spaces and + ( ) . / - only.");
        RuleFor(request => request.Industry).MaximumLength(100);
        RuleFor(request => request.Region).MaximumLength(100);
        RuleFor(request => request.Source).MaximumLength(100);
        RuleFor(request => request.Tags).Must(tags => tags is null || tags.Count <= MaxTags)
            .WithMessage($"At most {MaxTags} tags.");
        RuleForEach(request => request.Tags).NotEmpty().MaximumLength(50);
        RuleFor(request => request.Address).SetValidator(new AddressValidator());
    }
}
