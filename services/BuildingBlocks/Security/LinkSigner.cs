using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Crm.BuildingBlocks.Security;

/// <summary>
/// Tokens put in links people follow without signing in (unsubscribe, tracking, surveys): the payload in the clear
/// plus an HMAC-SHA256 over purpose and payload, so a link cannot be forged, edited (another contact, another survey,
/// another redirect target) or reused for another purpose.
/// </summary>
public sealed class LinkSigner
{
    /// <summary>The AppHost's generated secrets are 20 characters of a 56-letter alphabet: about 116 bits.</summary>
    public const int MinimumKeyLength = 20;

    private readonly byte[] key;

    /// <param name="settingName">The configuration key the secret comes from, named in the start-up error.</param>
    public LinkSigner(string key, string settingName)
    {
        if (key.Length < MinimumKeyLength)
        {
            throw new InvalidOperationException($"{settingName} must be at least {MinimumKeyLength} characters; the AppHost passes a generated one.");
        }

        this.key = Encoding.UTF8.GetBytes(key);
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
