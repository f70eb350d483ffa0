namespace Crm.Gateway.Options;

public sealed class CorsOptions
{
    /// <summary>Exact origins (<c>https://crm.example.com</c>) of browser clients on another origin; none by default.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    internal IEnumerable<string> Problems()
    {
        foreach (var origin in AllowedOrigins)
        {
            // The browser sends scheme://host[:port] and CORS compares it verbatim, so anything else never matches.
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https")
                || !string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"Gateway:Cors:AllowedOrigins: '{origin}' is not an origin like https://crm.example.com (no path, no trailing slash).";
            }
        }
    }
}
