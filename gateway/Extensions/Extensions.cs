using Yarp.ReverseProxy.Configuration;

namespace Crm.Gateway.Extensions;

public static class Extensions
{
    private static readonly string[] IdentityPaths = ["/connect/{**rest}", "/account/{**rest}", "/.well-known/{**rest}", "/api/identity/{**rest}"];

    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        var services = BackendServices.Names
            .Select(name => (Name: name, Address: ServiceAddress(builder.Configuration, name)))
            .ToArray();

        var routes = services.Select(service => new RouteConfig
        {
            RouteId = service.Name,
            ClusterId = service.Name,
            // Services serve under the same prefix, so the path is forwarded unchanged.
            Match = new RouteMatch { Path = $"/api/{service.Name}/{{**remainder}}" },
        }).ToArray();

        var clusters = services.Select(service => new ClusterConfig
        {
            ClusterId = service.Name,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [service.Name] = new() { Address = service.Address },
            },
        }).ToArray();

        // The identity service answers the OAuth endpoints and the sign-in page at the root, and its API under /api/identity.
        var identity = ServiceAddress(builder.Configuration, "identity");
        routes = [.. routes, .. IdentityPaths.Select((path, i) => new RouteConfig
        {
            RouteId = $"identity-{i}",
            ClusterId = "identity",
            Match = new RouteMatch { Path = path },
        })];
        clusters = [.. clusters, new ClusterConfig
        {
            ClusterId = "identity",
            Destinations = new Dictionary<string, DestinationConfig> { ["identity"] = new() { Address = identity } },
        }];
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapReverseProxy();
        // Matched only when no service route is: the proxy's literal prefixes are more specific.
        app.Map("/api/{**path}", (HttpContext context) => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "There is no such API.",
            detail: $"No service answers {context.Request.Path}. The services are under /api/{string.Join(", /api/", BackendServices.Names)}."));
        return app;
    }

    /// <summary>Reads the address the way Aspire hands it over: <c>services__&lt;name&gt;__http__0</c>.</summary>
    private static string ServiceAddress(IConfiguration configuration, string name) =>
        configuration[$"services:{name}:http:0"]
        ?? throw new InvalidOperationException(
            $"The address of the '{name}' service is not configured: set services__{name}__http__0 (the AppHost does).");
}
