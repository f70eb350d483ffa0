using System.Text.Json;
using Crm.BuildingBlocks.CustomFields;
using Crm.Customers.Model;

namespace Crm.Customers.Apis;

public sealed record CustomerResponse(
    Guid Id,
    CustomerKind Kind,
    string Name,
    Guid? CompanyId,
    string? Email,
    string? Phone,
    AddressDto Address,
    string? Industry,
    string? Region,
    string? Source,
    Guid? OwnerId,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, JsonElement> CustomFields,
    int Revision,
    DateTimeOffset? ErasedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static CustomerResponse From(Customer customer) => new(
        customer.Id, customer.Kind, customer.Name, customer.CompanyId, customer.Email, customer.Phone, AddressDto.From(customer.Address),
        customer.Industry, customer.Region, customer.Source, customer.OwnerId, customer.Tags, CustomFieldValues.Read(customer.CustomFields), customer.Revision,
        customer.ErasedAt, customer.CreatedAt, customer.UpdatedAt);
}
