using Crm.ServiceDefaults.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.ServiceDefaults.WarmUp;

public static class WarmUpExtensions
{
    /// <summary>Holds readiness back until the registered steps have run (see <see cref="StartupWarmUp"/>).</summary>
    public static IServiceCollection AddStartupWarmUp(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WarmUpGate>();
        services.AddHostedService<StartupWarmUp>();
        services.AddHealthChecks().AddCheck<WarmUpHealthCheck>("warm-up", tags: [HealthTags.Ready]);
        return services;
    }

    /// <summary>Adds a step; it only runs in a process that also called <see cref="AddStartupWarmUp"/>.</summary>
    public static IServiceCollection AddWarmUpStep<TStep>(this IServiceCollection services)
        where TStep : class, IWarmUpStep
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWarmUpStep, TStep>());
        return services;
    }
}
