namespace Crm.ServiceDefaults.Authentication;

/// <summary>How services validate the identity service's access tokens; section <c>Identity</c>.</summary>
public sealed class CrmTokenSettings
{
    public const string SectionName = "Identity";

    /// <summary>The issuer every access token must carry: the identity service's public address (through the gateway).</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience every CRM API token is issued for.</summary>
    public string Audience { get; set; } = CrmAudiences.Api;
}
