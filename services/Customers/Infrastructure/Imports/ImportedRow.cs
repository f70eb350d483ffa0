using Crm.Customers.Apis;
using Crm.Customers.Model;
using Crm.Customers.Model.Imports;

namespace Crm.Customers.Infrastructure.Imports;

/// <summary>One data row read through the column mapping: the cells as fields, before any validation.</summary>
/// <param name="CustomCells">Custom field key → cell text.</param>
public sealed record ImportedRow(int Number, IReadOnlyDictionary<ImportField, string> Cells, IReadOnlyDictionary<string, string> CustomCells)
{
    private static readonly Dictionary<string, CustomerKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["company"] = CustomerKind.Company, ["organisation"] = CustomerKind.Company, ["organization"] = CustomerKind.Company,
        ["b2b"] = CustomerKind.Company, ["公司"] = CustomerKind.Company, ["企业"] = CustomerKind.Company, ["单位"] = CustomerKind.Company,
        ["person"] = CustomerKind.Person, ["individual"] = CustomerKind.Person, ["contact"] = CustomerKind.Person,
        ["b2c"] = CustomerKind.Person, ["个人"] = CustomerKind.Person, ["联系人"] = CustomerKind.Person,
    };

    public static ImportedRow From(int number, string?[] cells, IReadOnlyDictionary<int, ImportField> columns, IReadOnlyDictionary<int, string> customColumns) =>
        new(number, Filled(cells, columns), Filled(cells, customColumns));

    private static Dictionary<TField, string> Filled<TField>(string?[] cells, IReadOnlyDictionary<int, TField> columns)
        where TField : notnull =>
        columns.Where(column => column.Key < cells.Length && !string.IsNullOrWhiteSpace(cells[column.Key]))
            .ToDictionary(column => column.Value, column => cells[column.Key]!.Trim());

    public string? this[ImportField field] => Cells.GetValueOrDefault(field);

    public string? Email => this[ImportField.Email];

    public string? PhoneDigits => this[ImportField.Phone] is { } phone ? new string([.. phone.Where(char.IsAsciiDigit)]) is { Length: > 0 } digits ? digits : null : null;

    /// <summary>
    /// The kind column when there is one; otherwise a row with both a name and a company is a contact at that company,
    /// one with only a company is the company, and one with only a name an individual.
    /// </summary>
    public CustomerKind? Kind(out string? problem)
    {
        problem = null;
        if (this[ImportField.Kind] is { } text)
        {
            if (Kinds.TryGetValue(text, out var kind))
            {
                return kind;
            }

            problem = $"'{text}' is not a kind; use Company or Person (公司 or 个人).";
            return null;
        }

        return this[ImportField.Name] is null && this[ImportField.Company] is not null ? CustomerKind.Company : CustomerKind.Person;
    }

    /// <summary>The company a person belongs to, by name; none for a company row (its "company" cell is its own name).</summary>
    public string? CompanyName(CustomerKind kind) => kind == CustomerKind.Person ? this[ImportField.Company] : null;

    public string? Name(CustomerKind kind) => this[ImportField.Name] ?? (kind == CustomerKind.Company ? this[ImportField.Company] : null);

    public IReadOnlyList<string>? Tags => this[ImportField.Tags]?.Split([',', ';', '，', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public bool HasAddress => Cells.Keys.Any(cell => cell is ImportField.Street or ImportField.PostalCode or ImportField.City or ImportField.State or ImportField.Country);

    public CreateCustomerRequest ToCreateRequest(CustomerKind kind, Guid? companyId, Guid ownerId) => new(
        kind, Name(kind), companyId, Email, this[ImportField.Phone],
        HasAddress ? new AddressDto(this[ImportField.Street], this[ImportField.PostalCode], this[ImportField.City], this[ImportField.State],
            this[ImportField.Country]?.ToUpperInvariant()) : null,
        this[ImportField.Industry], this[ImportField.Region], this[ImportField.Source], ownerId, Tags ?? []);

    /// <summary>The customer's fields with this row's non-empty cells over them; tags are added, not replaced.</summary>
    public UpdateCustomerRequest OverCurrent(Customer customer, Guid? companyId)
    {
        var address = AddressDto.From(customer.Address);
        return new UpdateCustomerRequest(
            this[ImportField.Name] ?? (customer.Kind == CustomerKind.Company ? this[ImportField.Company] : null) ?? customer.Name,
            customer.Kind == CustomerKind.Person ? companyId ?? customer.CompanyId : customer.CompanyId,
            Email ?? customer.Email,
            this[ImportField.Phone] ?? customer.Phone,
            new AddressDto(this[ImportField.Street] ?? address.Street, this[ImportField.PostalCode] ?? address.PostalCode,
                this[ImportField.City] ?? address.City, this[ImportField.State] ?? address.State,
                this[ImportField.Country]?.ToUpperInvariant() ?? address.Country),
            this[ImportField.Industry] ?? customer.Industry,
            this[ImportField.Region] ?? customer.Region,
            this[ImportField.Source] ?? customer.Source,
            customer.OwnerId,
            [.. customer.Tags.Union(Tags ?? [], StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>Which cell a validation error on a request field came from.</summary>
    public static ImportField? FieldOf(string requestField) => requestField.Split('.', '[')[0] switch
    {
        "kind" => ImportField.Kind,
        "name" => ImportField.Name,
        "companyId" => ImportField.Company,
        "email" => ImportField.Email,
        "phone" => ImportField.Phone,
        "address" => requestField.Split('.').ElementAtOrDefault(1) switch
        {
            "street" => ImportField.Street,
            "postalCode" => ImportField.PostalCode,
            "city" => ImportField.City,
            "state" => ImportField.State,
            _ => ImportField.Country,
        },
        "industry" => ImportField.Industry,
        "region" => ImportField.Region,
        "source" => ImportField.Source,
        "tags" => ImportField.Tags,
        _ => null,
    };
}
