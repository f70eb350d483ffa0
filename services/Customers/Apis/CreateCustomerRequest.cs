using Crm.Customers.Model;
using FluentValidation;

namespace Crm.Customers.Apis;

public sealed record CreateCustomerRequest(
    CustomerKind? Kind,
    string? Name,
    string? Email,
    string? Phone,
    string? Industry,
    string? Region,
    string? Source);

public sealed class CreateCustomerRequestValidator : AbstractValidator<CreateCustomerRequest>
{
    public CreateCustomerRequestValidator()
    {
        RuleFor(request => request.Kind).NotNull().IsInEnum();
        RuleFor(request => request.Name).NotEmpty().MaximumLength(200);
        RuleFor(request => request.Email).EmailAddress().MaximumLength(254);
        RuleFor(request => request.Phone).MaximumLength(32).Matches(@"^\+?[0-9 ()./-]{3,}$")
            .WithMessage("'phone' may hold digits, spaces and + ( ) . / - only.");
        RuleFor(request => request.Industry).MaximumLength(100);
        RuleFor(request => request.Region).MaximumLength(100);
        RuleFor(request => request.Source).MaximumLength(100);
    }
}
