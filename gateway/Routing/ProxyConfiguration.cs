using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Crm.Gateway.Routing;

/// <summary>YARP's routes and clusters, built from the service addresses in configuration.</summary>
public static class ProxyConfiguration
{
    public const string LongRunningTimeoutPolicy = "long-running";

    /// <summary>YARP's value for "no authorization at the gateway": the services authorize their own requests.</summary>
    private const string Anonymous = "Anonymous";

    /// <param name="activityTimeout">
    /// How long YARP waits without progress from a backend. It is the longest request timeout, so the request timeout
    /// of the route, not this one, is what ends a slow call.
    /// </param>
    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build(IConfiguration configuration, TimeSpan activityTimeout)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var name in BackendServices.Names)
        {
            clusters.Add(new ClusterConfig
            {
                ClusterId = name,
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    [name] = new() { Address = ServiceAddress(configuration, name) },
                },
                HttpRequest = new ForwarderRequestConfig { ActivityTimeout = activityTimeout },
            });

            // Services serve under the same prefix, so the path is forwarded unchanged.
            routes.Add(Route(name, name, $"/api/{name}"));
            routes.Add(Route($"{name}-{GatewayPaths.Imports}", name, $"/api/{name}/{GatewayPaths.Imports}") with { TimeoutPolicy = LongRunningTimeoutPolicy });
            routes.Add(Route($"{name}-{GatewayPaths.Exports}", name, $"/api/{name}/{GatewayPaths.Exports}") with { TimeoutPolicy = LongRunningTimeoutPolicy });
        }

        routes.AddRange(BackendServices.IdentityPrefixes.Select(prefix =>
            Route($"{BackendServices.Identity}{prefix.Replace('/', '-')}", BackendServices.Identity, prefix)));
        return (routes, clusters);
    }

    // YARP's default transforms add X-Forwarded-For, -Proto, -Host and -Prefix, which identity needs to build
    // redirect URLs that point at the gateway rather than at itself.
    private static RouteConfig Route(string routeId, string clusterId, string prefix) => new()
    {
        RouteId = routeId,
        ClusterId = clusterId,
        Match = new RouteMatch { Path = $"{prefix}/{{**remainder}}" },
        AuthorizationPolicy = Anonymous,
    };

    /// <summary>Reads the address the way Aspire hands it over: <c>services__&lt;name&gt;__http__0</c>.</summary>
    private static string ServiceAddress(IConfiguration configuration, string name) =>
        configuration[$"services:{name}:http:0"]
        ?? throw new InvalidOperationException(
            $"The address of the '{name}' service is not configured: set services__{name}__http__0 (the AppHost does).");
}
