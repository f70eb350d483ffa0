namespace Crm.Gateway.Routing;

/// <summary>The services behind the gateway: each owns the path <c>/api/&lt;name&gt;</c>.</summary>
public static class BackendServices
{
    public const string Identity = "identity";

    public static readonly string[] Names = [Identity, "customers", "sales", "marketing", "support"];

    /// <summary>
    /// The identity service also owns the OpenID Connect endpoints and its sign-in pages, which clients expect at
    /// these well-known places rather than under <c>/api/identity</c>.
    /// </summary>
    public static readonly string[] IdentityPrefixes = ["/connect", "/account", "/.well-known"];
}
