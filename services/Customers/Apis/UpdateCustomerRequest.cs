using System.Text.Json;
using FluentValidation;

namespace Crm.Customers.Apis;

/// <summary>The customer's new state (a full replacement); the kind never changes.</summary>
public sealed record UpdateCustomerRequest(
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

public sealed class UpdateCustomerRequestValidator : AbstractValidator<UpdateCustomerRequest>
{
    public UpdateCustomerRequestValidator() => Include(new CustomerFieldsValidator<UpdateCustomerRequest>());
}
