namespace Crm.Identity.Model;

/// <summary>
/// Key material the token server signs and encrypts with, kept in the database so every replica uses the same keys and
/// they survive restarts. Created once by the migrate step.
/// </summary>
public class SigningKey
{
    public Guid Id { get; set; }

    public SigningKeyPurpose Purpose { get; set; }

    /// <summary>PKCS#8 of the RSA key for signing; the raw 256-bit key for encryption.</summary>
    public required byte[] KeyMaterial { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
