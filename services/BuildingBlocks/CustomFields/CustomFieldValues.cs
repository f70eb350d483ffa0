using System.Globalization;
using System.Text.Json;

namespace Crm.BuildingBlocks.CustomFields;

/// <summary>
/// Checks and normalises custom field values against their definitions: numbers as JSON numbers, dates as
/// <c>yyyy-MM-dd</c>, choices spelt as the option is, multi-choices as a sorted array without repeats.
/// </summary>
public static class CustomFieldValues
{
    public const string Path = "customFields";

    private static readonly JsonDocument EmptyDocument = ToDocument(new SortedDictionary<string, JsonElement>(StringComparer.Ordinal));

    /// <summary>No values; one shared document, which nobody can dispose (see <see cref="ToDocument"/>).</summary>
    public static JsonDocument Empty() => EmptyDocument;

    /// <summary>
    /// The values as a document that holds arrays of its own. <see cref="JsonSerializer.SerializeToDocument{TValue}(TValue, JsonSerializerOptions?)"/>
    /// and <see cref="JsonDocument.Parse(string, JsonDocumentOptions)"/> rent theirs from the shared pool until disposed,
    /// and a record's document is never disposed: each one then drained the pool, which left every other renter
    /// allocating too (an import allocated 29 KiB per row with them, 13 KiB without; found with an allocation trace).
    /// </summary>
    public static JsonDocument ToDocument(SortedDictionary<string, JsonElement> values)
    {
        var reader = new Utf8JsonReader(JsonSerializer.SerializeToUtf8Bytes(values));
        return JsonDocument.ParseValue(ref reader);
    }

    public static bool IsEmpty(JsonDocument values) =>
        values.RootElement.ValueKind != JsonValueKind.Object || !values.RootElement.EnumerateObject().Any();

    public static IReadOnlyDictionary<string, JsonElement> Read(JsonDocument values) =>
        values.RootElement.ValueKind == JsonValueKind.Object
            ? values.RootElement.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.Clone())
            : new Dictionary<string, JsonElement>();

    /// <summary>
    /// The record's values after <paramref name="changes"/>: a key sent with a value sets it, a key sent as null clears
    /// it, a key not sent keeps its value. Errors are keyed <c>customFields.&lt;key&gt;</c>.
    /// </summary>
    public static JsonDocument Merge(
        IReadOnlyList<CustomFieldDefinition> definitions, JsonDocument current, IReadOnlyDictionary<string, JsonElement>? changes,
        Dictionary<string, string[]> errors)
    {
        var values = new SortedDictionary<string, JsonElement>(Read(current).ToDictionary(), StringComparer.Ordinal);
        var byKey = definitions.ToDictionary(definition => definition.Key, StringComparer.Ordinal);
        foreach (var (key, value) in changes ?? new Dictionary<string, JsonElement>())
        {
            if (!byKey.TryGetValue(key, out var definition))
            {
                errors[$"{Path}.{key}"] = [$"There is no custom field '{key}'."];
                continue;
            }

            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined || value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)
            {
                values.Remove(key);
            }
            else if (Normalise(definition, value, out var error) is { } normalised)
            {
                values[key] = normalised;
            }
            else
            {
                errors[$"{Path}.{key}"] = [error!];
            }
        }

        foreach (var missing in definitions.Where(definition => definition.Required && !definition.Archived && !values.ContainsKey(definition.Key)))
        {
            errors.TryAdd($"{Path}.{missing.Key}", [$"'{missing.Label}' is required."]);
        }

        return ToDocument(values);
    }

    /// <summary>A spreadsheet cell as a value of the field: numbers and dates in invariant or ISO form, choices split on , or ;.</summary>
    public static JsonElement? FromText(CustomFieldDefinition definition, string text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        switch (definition.Type)
        {
            case CustomFieldType.Number:
                if (decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    return JsonSerializer.SerializeToElement(number);
                }

                error = $"'{trimmed}' is not a number.";
                return null;
            case CustomFieldType.Date:
                if (DateOnly.TryParse(trimmed, CultureInfo.InvariantCulture, out var date))
                {
                    return JsonSerializer.SerializeToElement(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }

                if (DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateTime))
                {
                    return JsonSerializer.SerializeToElement(DateOnly.FromDateTime(dateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }

                error = $"'{trimmed}' is not a date; write it as yyyy-MM-dd.";
                return null;
            case CustomFieldType.MultiChoice:
                var parts = trimmed.Split([',', ';', '，', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                return Normalise(definition, JsonSerializer.SerializeToElement(parts), out error);
            default:
                return Normalise(definition, JsonSerializer.SerializeToElement(trimmed), out error);
        }
    }

    /// <summary>A value as a spreadsheet cell or a line of text.</summary>
    public static string ToText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetDecimal().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(ToText)),
        JsonValueKind.True or JsonValueKind.False => value.GetBoolean() ? "true" : "false",
        _ => "",
    };

    /// <summary>The keys whose value differs between two states, with both values (null where absent).</summary>
    public static IEnumerable<(string Key, JsonElement? Before, JsonElement? After)> Changes(JsonDocument before, JsonDocument after)
    {
        var old = Read(before);
        var next = Read(after);
        foreach (var key in old.Keys.Union(next.Keys).Order(StringComparer.Ordinal))
        {
            JsonElement? was = old.TryGetValue(key, out var oldValue) ? oldValue : null;
            JsonElement? now = next.TryGetValue(key, out var newValue) ? newValue : null;
            if (!(was is { } a && now is { } b && JsonElement.DeepEquals(a, b)) && (was is not null || now is not null))
            {
                yield return (key, was, now);
            }
        }
    }

    /// <summary>The merge rule for records: the primary's values win; a key it lacks takes the secondary's value.</summary>
    public static JsonDocument FillEmpty(JsonDocument primary, JsonDocument secondary)
    {
        var values = new SortedDictionary<string, JsonElement>(Read(primary).ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in Read(secondary))
        {
            values.TryAdd(key, value);
        }

        return ToDocument(values);
    }

    private static JsonElement? Normalise(CustomFieldDefinition definition, JsonElement value, out string? error)
    {
        error = null;
        switch (definition.Type)
        {
            case CustomFieldType.Text when value.ValueKind == JsonValueKind.String:
                var text = value.GetString()!.Trim();
                if (text.Length is 0 or > CustomFieldRules.MaxTextLength)
                {
                    error = $"'{definition.Label}' is between 1 and {CustomFieldRules.MaxTextLength} characters.";
                    return null;
                }

                return JsonSerializer.SerializeToElement(text);
            case CustomFieldType.Number when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number):
                return JsonSerializer.SerializeToElement(number);
            case CustomFieldType.Date when value.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                return JsonSerializer.SerializeToElement(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            case CustomFieldType.SingleChoice when value.ValueKind == JsonValueKind.String:
                return Option(definition, value.GetString()!, out error) is { } option ? JsonSerializer.SerializeToElement(option) : null;
            case CustomFieldType.MultiChoice when value.ValueKind == JsonValueKind.Array:
                var chosen = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || Option(definition, item.GetString()!, out error) is not { } chosenOption)
                    {
                        error ??= $"'{definition.Label}' takes a list of its options.";
                        return null;
                    }

                    chosen.Add(chosenOption);
                }

                return JsonSerializer.SerializeToElement(chosen);
            default:
                error = definition.Type switch
                {
                    CustomFieldType.Text => $"'{definition.Label}' takes text.",
                    CustomFieldType.Number => $"'{definition.Label}' takes a number.",
                    CustomFieldType.Date => $"'{definition.Label}' takes a date written yyyy-MM-dd.",
                    CustomFieldType.SingleChoice => $"'{definition.Label}' takes one of: {string.Join(", ", definition.Options)}.",
                    _ => $"'{definition.Label}' takes a list of its options: {string.Join(", ", definition.Options)}.",
                };
                return null;
        }
    }

    private static string? Option(CustomFieldDefinition definition, string text, out string? error)
    {
        error = null;
        var option = definition.Options.FirstOrDefault(option => string.Equals(option, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (option is null)
        {
            error = $"'{text}' is not an option of '{definition.Label}'; use one of: {string.Join(", ", definition.Options)}.";
        }

        return option;
    }
}
