namespace Crm.ServiceDefaults.Authentication;

/// <summary>
/// Claim names as they appear in the access token (JWT names, not the long WS-* URIs .NET maps them to by default).
/// </summary>
public static class CrmClaimTypes
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string Role = "role";

    /// <summary>The id of the team a user belongs to; managers and leads see their team's records.</summary>
    public const string Team = "team";
}
