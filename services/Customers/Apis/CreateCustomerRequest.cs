using System.Text.Json;
using Crm.Customers.Model;
using FluentValidation;

namespace Crm.Customers.Apis;

public sealed record CreateCustomerRequest(
    CustomerKind? Kind,
    string? Name,
    Guid? CompanyId,
    string? Email,
    string? Phone,
    AddressDto? Address,
    string? Industry,
    string? Region,
    string? Source,
    Guid? OwnerId,
    IReadOnlyList<string>? Tags,
    IReadOnlyDictionary<string, JsonElement>? CustomFields = null) : ICustomerFields;

public sealed class CreateCustomerRequestValidator : AbstractValidator<CreateCustomerRequest>
{
    public CreateCustomerRequestValidator()
    {
        RuleFor(request => request.Kind).NotNull().IsInEnum();
        RuleFor(request => request.CompanyId).Null().When(request => request.Kind == CustomerKind.Company)
            .WithMessage("A company cannot be a contact of another company.");
        Include(new CustomerFieldsValidator<CreateCustomerRequest>());
    }
}
