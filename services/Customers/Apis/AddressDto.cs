using Crm.Customers.Model;

namespace Crm.Customers.Apis;

public sealed record AddressDto(string? Street, string? PostalCode, string? City, string? State, string? Country)
{
    public static AddressDto From(Address address) =>
        new(address.Street, address.PostalCode, address.City, address.State, address.Country);
}
