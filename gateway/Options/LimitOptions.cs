namespace Crm.Gateway.Options;

public sealed class LimitOptions
{
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Import uploads (<c>/api/&lt;service&gt;/imports</c> and below) carry whole files.</summary>
    public long MaxImportBodyBytes { get; set; } = 50 * 1024 * 1024;

    internal IEnumerable<string> Problems()
    {
        if (MaxRequestBodyBytes < 1)
        {
            yield return "Gateway:Limits:MaxRequestBodyBytes must be at least 1.";
        }

        if (MaxImportBodyBytes < MaxRequestBodyBytes)
        {
            yield return "Gateway:Limits:MaxImportBodyBytes must not be below Gateway:Limits:MaxRequestBodyBytes.";
        }
    }
}
