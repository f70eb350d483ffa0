using System.Security.Cryptography;
using System.Text;
using Crm.Marketing.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Crm.Marketing.Consent;

/// <summary>
/// Tokens put in links of marketing mail: the payload in the clear plus an HMAC-SHA256 over purpose and payload, so a
/// link cannot be forged, edited (another contact, another redirect target) or reused for another purpose.
/// </summary>
public sealed class SignedTokens
{
    /// <summary>The AppHost's generated secrets are 20 characters of a 56-letter alphabet: about 116 bits.</summary>
    public const int MinimumKeyLength = 20;

    private readonly byte[] key;

    public SignedTokens(IOptions<MarketingOptions> options)
    {
        if (options.Value.SigningKey.Length < MinimumKeyLength)
        {
            throw new InvalidOperationException($"Marketing:SigningKey must be at least {MinimumKeyLength} characters; the AppHost passes a generated one.");
        }

        key = Encoding.UTF8.GetBytes(options.Value.SigningKey);
    }

    public string Sign(string purpose, string payload) =>
        $"{WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payload))}.{WebEncoders.Base64UrlEncode(Mac(purpose, payload))}";

    public bool TryVerify(string purpose, string? token, out string payload)
    {
        payload = "";
        var parts = token?.Split('.');
        if (parts is not [var body, var signature] || body.Length is 0 or > 4096)
        {
            return false;
        }

        try
        {
            var candidate = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(body));
            if (!CryptographicOperations.FixedTimeEquals(WebEncoders.Base64UrlDecode(signature), Mac(purpose, candidate)))
            {
                return false;
            }

            payload = candidate;
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private byte[] Mac(string purpose, string payload) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}\n{payload}"));
}
