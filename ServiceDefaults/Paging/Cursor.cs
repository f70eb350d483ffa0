using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Crm.ServiceDefaults.Paging;

/// <summary>Where a keyset page ended: the sort key of its last row and that row's id (the tie-breaker).</summary>
public sealed record Cursor(string Sort, string Key, string Id)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>False for anything a client made up or copied from a list with another sort order.</summary>
    public static bool TryDecode(string? text, string sort, out Cursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        try
        {
            cursor = JsonSerializer.Deserialize<Cursor>(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)));
            return cursor is not null && cursor.Sort == sort && cursor.Key is not null && cursor.Id is not null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }
}
