namespace Crm.ServiceDefaults.Health;

/// <summary>Liveness says the process works; readiness says its dependencies answer too.</summary>
public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";
}
