namespace Crm.Gateway.Extensions;

/// <summary>The services behind the gateway: each owns the path <c>/api/&lt;name&gt;</c>.</summary>
public static class BackendServices
{
    public static readonly string[] Names = ["customers", "sales", "marketing", "support"];
}
