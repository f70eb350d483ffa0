namespace Crm.ServiceDefaults.Http;

/// <summary>Strong ETags made from a row version, the token clients send back in <c>If-Match</c>.</summary>
public static class ETags
{
    public static string From(uint version) => $"\"{version}\"";

    public static bool TryParse(string? header, out uint version)
    {
        version = 0;
        return header is { Length: > 2 } && header[0] == '"' && header[^1] == '"' && uint.TryParse(header[1..^1], out version);
    }
}
