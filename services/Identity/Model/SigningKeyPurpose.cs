namespace Crm.Identity.Model;

public enum SigningKeyPurpose
{
    Signing,
    Encryption,
}
