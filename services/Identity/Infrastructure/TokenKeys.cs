using System.Security.Cryptography;
using Crm.Identity.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Crm.Identity.Infrastructure;

/// <summary>Reads and creates the token server's keys in the database.</summary>
public static class TokenKeys
{
    public static async Task EnsureCreatedAsync(IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.SigningKeys.AnyAsync(key => key.Purpose == SigningKeyPurpose.Signing, cancellationToken))
        {
            using var rsa = RSA.Create(2048);
            db.SigningKeys.Add(new SigningKey
            {
                Id = Guid.CreateVersion7(), Purpose = SigningKeyPurpose.Signing, KeyMaterial = rsa.ExportPkcs8PrivateKey(), CreatedAt = clock.GetUtcNow(),
            });
        }

        if (!await db.SigningKeys.AnyAsync(key => key.Purpose == SigningKeyPurpose.Encryption, cancellationToken))
        {
            db.SigningKeys.Add(new SigningKey
            {
                Id = Guid.CreateVersion7(), Purpose = SigningKeyPurpose.Encryption, KeyMaterial = RandomNumberGenerator.GetBytes(32), CreatedAt = clock.GetUtcNow(),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The newest key of each purpose; the key id is the row id, so tokens name the key that signed them.</summary>
    public static (SecurityKey Signing, SecurityKey Encryption) Load(IdentityDbContext db)
    {
        var keys = db.SigningKeys.AsNoTracking().OrderByDescending(key => key.CreatedAt).ToList();
        var signing = keys.FirstOrDefault(key => key.Purpose == SigningKeyPurpose.Signing)
            ?? throw new InvalidOperationException("No signing key exists: run the migrate step (dotnet Crm.Identity.dll migrate) first.");
        var encryption = keys.First(key => key.Purpose == SigningKeyPurpose.Encryption);

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(signing.KeyMaterial, out _);
        return (
            new RsaSecurityKey(rsa) { KeyId = signing.Id.ToString("N") },
            new SymmetricSecurityKey(encryption.KeyMaterial) { KeyId = encryption.Id.ToString("N") });
    }
}
