using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Crm.ServiceDefaults.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Crm.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Access tokens an attacker would try: signed with the identity service's real key (read from its database) but
/// expired or for another audience; signed with a key of its own; or not signed at all.
/// </summary>
public sealed class ForgedTokens(RsaSecurityKey realKey, string issuer)
{
    public static async Task<ForgedTokens> LoadAsync(string identityConnectionString, string issuer)
    {
        await using var connection = new NpgsqlConnection(identityConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select id, key_material from signing_keys where purpose = 'Signing' order by created_at desc limit 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue("the migrate step creates a signing key");
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey((byte[])reader["key_material"], out _);
        return new ForgedTokens(new RsaSecurityKey(rsa) { KeyId = reader.GetGuid(0).ToString("N") }, issuer);
    }

    /// <summary>What the identity service would issue for an administrator; the baseline the forgeries vary.</summary>
    public string Valid(Guid subject) => Sign(Descriptor(subject), realKey);

    public string Expired(Guid subject)
    {
        var descriptor = Descriptor(subject);
        descriptor.IssuedAt = DateTime.UtcNow.AddHours(-2);
        descriptor.NotBefore = descriptor.IssuedAt;
        descriptor.Expires = DateTime.UtcNow.AddMinutes(-10);
        return Sign(descriptor, realKey);
    }

    public string ForAudience(Guid subject, string audience)
    {
        var descriptor = Descriptor(subject);
        descriptor.Audience = audience;
        return Sign(descriptor, realKey);
    }

    public string ForIssuer(Guid subject, string otherIssuer)
    {
        var descriptor = Descriptor(subject);
        descriptor.Issuer = otherIssuer;
        return Sign(descriptor, realKey);
    }

    /// <summary>Same key id as the real key, so the service finds "its" key and must notice the signature is wrong.</summary>
    public string SignedByAnotherKey(Guid subject) =>
        Sign(Descriptor(subject), new RsaSecurityKey(RSA.Create(2048)) { KeyId = realKey.KeyId });

    /// <summary>The classic <c>alg: none</c> token: a header and a payload, no signature.</summary>
    public string Unsigned(Guid subject)
    {
        var header = Base64Url("""{"alg":"none","typ":"at+jwt"}""");
        var handler = new JsonWebTokenHandler();
        var signed = handler.ReadJsonWebToken(Valid(subject));
        var payload = signed.EncodedPayload;
        return $"{header}.{payload}.";
    }

    private SecurityTokenDescriptor Descriptor(Guid subject) => new()
    {
        Issuer = issuer,
        Audience = CrmAudiences.Api,
        TokenType = "at+jwt",
        IssuedAt = DateTime.UtcNow,
        NotBefore = DateTime.UtcNow,
        Expires = DateTime.UtcNow.AddMinutes(5),
        Subject = new ClaimsIdentity(
        [
            new Claim(CrmClaimTypes.Subject, subject.ToString()),
            new Claim(CrmClaimTypes.Name, "Mallory"),
            new Claim(CrmClaimTypes.Role, CrmRoles.Administrator),
            new Claim("scope", CrmAudiences.ApiScope),
        ]),
    };

    private static string Sign(SecurityTokenDescriptor descriptor, RsaSecurityKey key)
    {
        descriptor.SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
