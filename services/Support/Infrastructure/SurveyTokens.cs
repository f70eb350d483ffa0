using System.Globalization;
using Crm.BuildingBlocks.Security;
using Crm.Support.Extensions;
using Microsoft.Extensions.Options;

namespace Crm.Support.Infrastructure;

/// <summary>
/// Survey link tokens: the survey id and expiry, signed (<see cref="LinkSigner"/>), so a link cannot be forged, pointed
/// at another survey or extended.
/// </summary>
public sealed class SurveyTokens(IOptions<SupportOptions> options)
{
    private const string Purpose = "survey";

    private readonly LinkSigner signer = new(options.Value.SurveySigningKey, "Support:SurveySigningKey");

    public string Sign(Guid surveyId, DateTimeOffset expiresAt) =>
        signer.Sign(Purpose, $"{surveyId:N}.{expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The survey a token names, if the signature holds; expiry is the caller's to check.</summary>
    public bool TryRead(string? token, out Guid surveyId, out DateTimeOffset expiresAt)
    {
        surveyId = Guid.Empty;
        expiresAt = default;
        if (token is not { Length: <= 200 } || !signer.TryVerify(Purpose, token, out var payload)
            || payload.Split('.') is not [var id, var expiry]
            || !Guid.TryParseExact(id, "N", out surveyId)
            || !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
