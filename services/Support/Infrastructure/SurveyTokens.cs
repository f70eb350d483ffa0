using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Crm.Support.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Crm.Support.Infrastructure;

/// <summary>
/// Survey link tokens: the survey id and expiry in the clear plus an HMAC-SHA256 over both, so a link cannot be forged,
/// pointed at another survey or extended.
/// </summary>
public sealed class SurveyTokens
{
    /// <summary>The AppHost's generated secrets are 20 characters of a 56-letter alphabet: about 116 bits.</summary>
    public const int MinimumKeyLength = 20;

    private readonly byte[] key;

    public SurveyTokens(IOptions<SupportOptions> options)
    {
        if (options.Value.SurveySigningKey.Length < MinimumKeyLength)
        {
            throw new InvalidOperationException($"Support:SurveySigningKey must be at least {MinimumKeyLength} characters; the AppHost passes a generated one.");
        }

        key = Encoding.UTF8.GetBytes(options.Value.SurveySigningKey);
    }

    public string Sign(Guid surveyId, DateTimeOffset expiresAt)
    {
        var payload = $"{surveyId:N}.{expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        return $"{payload}.{WebEncoders.Base64UrlEncode(Mac(payload))}";
    }

    /// <summary>The survey a token names, if the signature holds; expiry is the caller's to check.</summary>
    public bool TryRead(string? token, out Guid surveyId, out DateTimeOffset expiresAt)
    {
        surveyId = Guid.Empty;
        expiresAt = default;
        if (token?.Split('.') is not [var id, var expiry, var signature] || token.Length > 200)
        {
            return false;
        }

        try
        {
            if (!CryptographicOperations.FixedTimeEquals(WebEncoders.Base64UrlDecode(signature), Mac($"{id}.{expiry}")) ||
                !Guid.TryParseExact(id, "N", out surveyId) ||
                !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return false;
            }

            expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private byte[] Mac(string payload) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"survey\n{payload}"));
}
