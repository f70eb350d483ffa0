using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Infrastructure;

/// <summary>A small list of values stored as one jsonb column (a calendar's hours, a policy's targets), read and written whole.</summary>
public static class JsonColumns
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static PropertyBuilder<List<T>> HasJsonColumn<T>(this PropertyBuilder<List<T>> property)
    {
        var comparer = new ValueComparer<List<T>>(
            (left, right) => Write(left) == Write(right),
            list => Write(list).GetHashCode(StringComparison.Ordinal),
            list => Read<T>(Write(list)));
        return property.HasColumnType("jsonb").HasConversion(list => Write(list), json => Read<T>(json), comparer);
    }

    private static string Write<T>(List<T>? list) => JsonSerializer.Serialize(list ?? [], Options);

    private static List<T> Read<T>(string json) => JsonSerializer.Deserialize<List<T>>(json, Options) ?? [];
}
