using System.Text.Json;
using Crm.BuildingBlocks.CustomFields;
using Crm.Customers.Model.Imports;

namespace Crm.Customers.Infrastructure.Imports;

/// <summary>
/// Which column fills which field: found from the headers (English or Chinese, any case, spaces and dashes ignored),
/// and overridable per header by the client.
/// </summary>
public static class ColumnMapping
{
    private static readonly Dictionary<string, ImportField> KnownHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kind"] = ImportField.Kind, ["type"] = ImportField.Kind, ["customertype"] = ImportField.Kind, ["类型"] = ImportField.Kind, ["客户类型"] = ImportField.Kind,
        ["name"] = ImportField.Name, ["fullname"] = ImportField.Name, ["customer"] = ImportField.Name, ["customername"] = ImportField.Name,
        ["contact"] = ImportField.Name, ["contactname"] = ImportField.Name,
        ["姓名"] = ImportField.Name, ["名字"] = ImportField.Name, ["客户"] = ImportField.Name, ["客户名称"] = ImportField.Name, ["联系人"] = ImportField.Name,
        ["company"] = ImportField.Company, ["companyname"] = ImportField.Company, ["organisation"] = ImportField.Company,
        ["organization"] = ImportField.Company, ["account"] = ImportField.Company,
        ["公司"] = ImportField.Company, ["公司名称"] = ImportField.Company, ["单位"] = ImportField.Company, ["企业"] = ImportField.Company,
        ["email"] = ImportField.Email, ["emailaddress"] = ImportField.Email, ["mail"] = ImportField.Email,
        ["邮箱"] = ImportField.Email, ["电子邮件"] = ImportField.Email, ["电子邮箱"] = ImportField.Email, ["邮件"] = ImportField.Email,
        ["phone"] = ImportField.Phone, ["phonenumber"] = ImportField.Phone, ["telephone"] = ImportField.Phone, ["tel"] = ImportField.Phone,
        ["mobile"] = ImportField.Phone, ["电话"] = ImportField.Phone, ["手机"] = ImportField.Phone, ["联系电话"] = ImportField.Phone,
        ["手机号"] = ImportField.Phone, ["电话号码"] = ImportField.Phone,
        ["street"] = ImportField.Street, ["address"] = ImportField.Street, ["地址"] = ImportField.Street, ["街道"] = ImportField.Street,
        ["postalcode"] = ImportField.PostalCode, ["postcode"] = ImportField.PostalCode, ["zip"] = ImportField.PostalCode,
        ["zipcode"] = ImportField.PostalCode, ["邮编"] = ImportField.PostalCode, ["邮政编码"] = ImportField.PostalCode,
        ["city"] = ImportField.City, ["town"] = ImportField.City, ["城市"] = ImportField.City,
        ["state"] = ImportField.State, ["province"] = ImportField.State, ["省"] = ImportField.State, ["省份"] = ImportField.State,
        ["country"] = ImportField.Country, ["countrycode"] = ImportField.Country, ["国家"] = ImportField.Country,
        ["industry"] = ImportField.Industry, ["sector"] = ImportField.Industry, ["行业"] = ImportField.Industry,
        ["region"] = ImportField.Region, ["territory"] = ImportField.Region, ["地区"] = ImportField.Region, ["区域"] = ImportField.Region,
        ["source"] = ImportField.Source, ["leadsource"] = ImportField.Source, ["来源"] = ImportField.Source, ["客户来源"] = ImportField.Source,
        ["tags"] = ImportField.Tags, ["tag"] = ImportField.Tags, ["labels"] = ImportField.Tags, ["标签"] = ImportField.Tags,
    };

    /// <summary>The field names a client may use in an override, as JSON spells them.</summary>
    public static readonly string[] FieldNames = [.. Enum.GetValues<ImportField>().Select(field => JsonNamingPolicy.CamelCase.ConvertName(field.ToString()))];

    /// <param name="overrides">Header → field name (<c>customFields.key</c> for a custom field), or null/"" to ignore the column.</param>
    /// <param name="customFields">Custom fields a column fills when its header is the field's key or label.</param>
    /// <param name="customColumns">Column index → custom field key.</param>
    /// <param name="problems">Header → why its override is not usable.</param>
    public static Dictionary<int, ImportField> Resolve(
        IReadOnlyList<string> headers, IReadOnlyDictionary<string, string?> overrides, IReadOnlyList<CustomFieldDefinition> customFields,
        out Dictionary<int, string> customColumns, out Dictionary<string, string> problems)
    {
        problems = [];
        customColumns = [];
        var usable = customFields.Where(field => !field.Archived).ToList();
        foreach (var header in overrides.Keys.Where(header => !headers.Contains(header, StringComparer.OrdinalIgnoreCase)))
        {
            problems[header] = $"The file has no column '{header}'.";
        }

        var columns = new Dictionary<int, ImportField>();
        for (var index = 0; index < headers.Count; index++)
        {
            var header = headers[index];
            var chosen = overrides.FirstOrDefault(pair => string.Equals(pair.Key, header, StringComparison.OrdinalIgnoreCase));
            if (chosen.Key is not null)
            {
                if (string.IsNullOrWhiteSpace(chosen.Value))
                {
                    continue;
                }

                if (chosen.Value.StartsWith($"{CustomFieldValues.Path}.", StringComparison.Ordinal))
                {
                    var key = chosen.Value[(CustomFieldValues.Path.Length + 1)..];
                    if (usable.Any(field => field.Key == key))
                    {
                        customColumns[index] = key;
                    }
                    else
                    {
                        problems[header] = $"There is no custom field '{key}'.";
                    }

                    continue;
                }

                if (!Enum.TryParse<ImportField>(chosen.Value, ignoreCase: true, out var field) || !Enum.IsDefined(field))
                {
                    problems[header] = $"'{chosen.Value}' is not a field; use one of {string.Join(", ", FieldNames)}, customFields.<key>, or null to ignore the column.";
                    continue;
                }

                columns[index] = field;
            }
            else if (KnownHeaders.TryGetValue(Normalise(header), out var known) && !columns.ContainsValue(known))
            {
                columns[index] = known;
            }
            else if (usable.FirstOrDefault(field => string.Equals(field.Key, header.Trim(), StringComparison.OrdinalIgnoreCase)
                         || string.Equals(field.Label, header.Trim(), StringComparison.OrdinalIgnoreCase)) is { } customField)
            {
                customColumns[index] = customField.Key;
            }
        }

        foreach (var duplicate in customColumns.GroupBy(column => column.Value).Where(group => group.Count() > 1))
        {
            problems[headers[duplicate.Last().Key]] = $"More than one column fills '{CustomFieldValues.Path}.{duplicate.Key}'.";
        }

        foreach (var duplicate in columns.GroupBy(column => column.Value).Where(group => group.Count() > 1))
        {
            problems[headers[duplicate.Last().Key]] = $"More than one column fills '{JsonNamingPolicy.CamelCase.ConvertName(duplicate.Key.ToString())}'.";
        }

        return columns;
    }

    private static string Normalise(string header) =>
        new([.. header.Where(character => !char.IsWhiteSpace(character) && character is not ('-' or '_' or '.' or ':' or '：'))]);
}
