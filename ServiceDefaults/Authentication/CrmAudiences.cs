namespace Crm.ServiceDefaults.Authentication;

public static class CrmAudiences
{
    /// <summary>The resource server name of the CRM's HTTP API, shared by every service behind the gateway.</summary>
    public const string Api = "crm-api";

    /// <summary>The scope a client asks for to call the CRM API.</summary>
    public const string ApiScope = "crm";
}
