using Crm.Customers.Model;

namespace Crm.Customers.Apis;

public sealed record CustomerResponse(
    Guid Id,
    CustomerKind Kind,
    string Name,
    string? Email,
    string? Phone,
    string? Industry,
    string? Region,
    string? Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static CustomerResponse From(Customer customer) => new(
        customer.Id, customer.Kind, customer.Name, customer.Email, customer.Phone,
        customer.Industry, customer.Region, customer.Source, customer.CreatedAt, customer.UpdatedAt);
}
