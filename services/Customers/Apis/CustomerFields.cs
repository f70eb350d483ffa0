using System.Text.Json;

namespace Crm.Customers.Apis;

/// <summary>What a client may set on a customer, on create and on update.</summary>
public interface ICustomerFields
{
    string? Name { get; }
    Guid? CompanyId { get; }
    string? Email { get; }
    string? Phone { get; }
    AddressDto? Address { get; }
    string? Industry { get; }
    string? Region { get; }
    string? Source { get; }
    Guid? OwnerId { get; }
    IReadOnlyList<string>? Tags { get; }

    /// <summary>Custom field key → value; a key sent as null clears it, a key not sent keeps its value.</summary>
    IReadOnlyDictionary<string, JsonElement>? CustomFields { get; }
}
