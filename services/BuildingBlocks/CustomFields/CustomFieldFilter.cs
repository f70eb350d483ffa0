using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Crm.BuildingBlocks.CustomFields;

/// <summary>
/// One condition on a custom field from the query string: <c>cf.&lt;key&gt;=value</c> (text: contains, any case;
/// choices: has the option; number and date: equals), <c>cf.&lt;key&gt;.from=</c> and <c>cf.&lt;key&gt;.to=</c>
/// (number and date, both inclusive).
/// </summary>
public sealed record CustomFieldFilter(CustomFieldDefinition Field, string Operator, JsonElement Value)
{
    public const string Prefix = "cf.";

    /// <summary>The query string's custom field conditions; errors are keyed by the parameter, e.g. <c>cf.renewal.from</c>.</summary>
    public static List<CustomFieldFilter> Parse(IQueryCollection query, IReadOnlyList<CustomFieldDefinition> definitions, Dictionary<string, string[]> errors)
    {
        var filters = new List<CustomFieldFilter>();
        foreach (var (parameter, values) in query.Where(pair => pair.Key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)))
        {
            var name = parameter[Prefix.Length..];
            var op = "=";
            if (name.EndsWith(".from", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".to", StringComparison.OrdinalIgnoreCase))
            {
                op = name[(name.LastIndexOf('.') + 1)..].ToLowerInvariant();
                name = name[..name.LastIndexOf('.')];
            }

            var definition = definitions.FirstOrDefault(field => field.Key == name);
            if (definition is null)
            {
                errors[parameter] = [$"There is no custom field '{name}'."];
                continue;
            }

            if (op != "=" && definition.Type is not (CustomFieldType.Number or CustomFieldType.Date))
            {
                errors[parameter] = [$"Only number and date fields take .from and .to; '{name}' is {definition.Type}."];
                continue;
            }

            var text = values.ToString();
            JsonElement? value = definition.Type is CustomFieldType.Text
                ? (text.Trim().Length > 0 ? JsonSerializer.SerializeToElement(text.Trim()) : null)
                : CustomFieldValues.FromText(definition, text, out _);
            if (value is null || definition.Type == CustomFieldType.MultiChoice && value.Value.GetArrayLength() != 1)
            {
                errors[parameter] = [definition.Type switch
                {
                    CustomFieldType.Number => $"'{parameter}' takes a number.",
                    CustomFieldType.Date => $"'{parameter}' takes a date written yyyy-MM-dd.",
                    CustomFieldType.Text => $"'{parameter}' takes the text to look for.",
                    _ => $"'{parameter}' takes one of: {string.Join(", ", definition.Options)}.",
                }];
                continue;
            }

            filters.Add(new CustomFieldFilter(definition, op, value.Value));
        }

        return filters;
    }
}

public static class CustomFieldQueries
{
    /// <summary>
    /// Keeps the records meeting every condition. Equality on a single choice compares the field's text
    /// (<c>custom_fields -&gt;&gt; 'key'</c>, the key written into the SQL so that the field's btree indexes match, see
    /// <see cref="CustomFieldIndexes"/>); equality on multiple choices and numbers is a jsonb containment (<c>@&gt;</c>),
    /// which the GIN index on the values serves; text and ranges read the field out of the JSON.
    /// </summary>
    public static IQueryable<T> WhereCustomFields<T>(this IQueryable<T> records, IEnumerable<CustomFieldFilter> filters)
        where T : class, IHasCustomFields
    {
        foreach (var filter in filters)
        {
            var key = filter.Field.Key;
            switch (filter.Field.Type, filter.Operator)
            {
                case (CustomFieldType.SingleChoice, "="):
                    var option = filter.Value.GetString();
                    records = records.Where(record => record.CustomFields.RootElement.GetProperty(EF.Constant(key)).GetString() == option);
                    break;
                case (CustomFieldType.Text, _):
                    var pattern = $"%{EscapeLike(filter.Value.GetString()!)}%";
                    records = records.Where(record => EF.Functions.ILike(record.CustomFields.RootElement.GetProperty(key).GetString()!, pattern));
                    break;
                case (CustomFieldType.Number, "from"):
                    var least = filter.Value.GetDecimal();
                    records = records.Where(record => record.CustomFields.RootElement.GetProperty(key).GetDecimal() >= least);
                    break;
                case (CustomFieldType.Number, "to"):
                    var most = filter.Value.GetDecimal();
                    records = records.Where(record => record.CustomFields.RootElement.GetProperty(key).GetDecimal() <= most);
                    break;
                case (CustomFieldType.Date, "from"):
                    var since = filter.Value.GetString()!;
                    records = records.Where(record => string.Compare(record.CustomFields.RootElement.GetProperty(key).GetString(), since) >= 0);
                    break;
                case (CustomFieldType.Date, "to"):
                    var until = filter.Value.GetString()!;
                    records = records.Where(record => string.Compare(record.CustomFields.RootElement.GetProperty(key).GetString(), until) <= 0);
                    break;
                default:
                    var containing = JsonSerializer.Serialize(new Dictionary<string, JsonElement> { [key] = filter.Value });
                    records = records.Where(record => EF.Functions.JsonContains(record.CustomFields, containing));
                    break;
            }
        }

        return records;
    }

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
