using System.Globalization;
using Crm.Customers.Model;

namespace Crm.Customers.Apis;

/// <summary>The columns of an exported customer list, in order; imports will read the same headers.</summary>
public static class CustomerColumns
{
    public static readonly IReadOnlyList<(string Header, Func<Customer, string?> Value)> All =
    [
        ("id", c => c.Id.ToString()),
        ("kind", c => c.Kind.ToString()),
        ("name", c => c.Name),
        ("companyId", c => c.CompanyId?.ToString()),
        ("email", c => c.Email),
        ("phone", c => c.Phone),
        ("street", c => c.Address.Street),
        ("postalCode", c => c.Address.PostalCode),
        ("city", c => c.Address.City),
        ("state", c => c.Address.State),
        ("country", c => c.Address.Country),
        ("industry", c => c.Industry),
        ("region", c => c.Region),
        ("source", c => c.Source),
        ("ownerId", c => c.OwnerId?.ToString()),
        ("tags", c => string.Join(';', c.Tags)),
        ("createdAt", c => c.CreatedAt.ToString("O", CultureInfo.InvariantCulture)),
        ("updatedAt", c => c.UpdatedAt.ToString("O", CultureInfo.InvariantCulture)),
    ];
}
