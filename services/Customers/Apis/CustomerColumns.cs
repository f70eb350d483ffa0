using System.Globalization;
using Crm.BuildingBlocks.CustomFields;
using Crm.Customers.Model;

namespace Crm.Customers.Apis;

public sealed record CustomerColumn(string Header, Func<Customer, string?> Value);

/// <summary>The columns of an exported customer list, in order; imports read the same headers.</summary>
public static class CustomerColumns
{
    public static readonly IReadOnlyList<CustomerColumn> All =
    [
        new("id", c => c.Id.ToString()),
        new("kind", c => c.Kind.ToString()),
        new("name", c => c.Name),
        new("companyId", c => c.CompanyId?.ToString()),
        new("email", c => c.Email),
        new("phone", c => c.Phone),
        new("street", c => c.Address.Street),
        new("postalCode", c => c.Address.PostalCode),
        new("city", c => c.Address.City),
        new("state", c => c.Address.State),
        new("country", c => c.Address.Country),
        new("industry", c => c.Industry),
        new("region", c => c.Region),
        new("source", c => c.Source),
        new("ownerId", c => c.OwnerId?.ToString()),
        new("tags", c => string.Join(';', c.Tags)),
        new("createdAt", c => c.CreatedAt.ToString("O", CultureInfo.InvariantCulture)),
        new("updatedAt", c => c.UpdatedAt.ToString("O", CultureInfo.InvariantCulture)),
    ];

    /// <summary>The fixed columns, then one per custom field in use (not archived), headed by its key.</summary>
    public static IReadOnlyList<CustomerColumn> With(IEnumerable<CustomFieldDefinition> customFields) =>
    [
        .. All,
        .. customFields.Where(field => !field.Archived).Select(field => new CustomerColumn(field.Key,
            c => c.CustomFields.RootElement.TryGetProperty(field.Key, out var value) ? CustomFieldValues.ToText(value) : null)),
    ];
}
