using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.ServiceDefaults.WarmUp;

/// <summary>Keeps the process out of readiness (and so out of the AppHost's "up" and a load balancer's rotation) while it warms up.</summary>
internal sealed class WarmUpHealthCheck(WarmUpGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Warming up."));
}
