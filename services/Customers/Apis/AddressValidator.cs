using FluentValidation;

namespace Crm.Customers.Apis;

public sealed class AddressValidator : AbstractValidator<AddressDto?>
{
    public AddressValidator()
    {
        RuleFor(address => address!.Street).MaximumLength(200);
        RuleFor(address => address!.PostalCode).MaximumLength(20);
        RuleFor(address => address!.City).MaximumLength(100);
        RuleFor(address => address!.State).MaximumLength(100);
        RuleFor(address => address!.Country).Matches("^[A-Z]{2}$")
            .WithMessage("'country' is a two-letter ISO 3166 code such as DE.");
    }
}
