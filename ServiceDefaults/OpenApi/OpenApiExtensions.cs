using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.ServiceDefaults.OpenApi;

public static class OpenApiExtensions
{
    public static IHostApplicationBuilder AddServiceOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<OAuth2SecuritySchemeTransformer>());
        return builder;
    }

    /// <summary>
    /// Serves the OpenAPI document under the service's own gateway prefix (<c>/api/sales/openapi/v1.json</c>),
    /// so the gateway forwards it like any other route of the service.
    /// </summary>
    public static IEndpointRouteBuilder MapServiceOpenApi(this IEndpointRouteBuilder endpoints, string apiPrefix)
    {
        // Anonymous: the API browser reads the documents before anyone has signed in.
        endpoints.MapOpenApi($"{apiPrefix}/openapi/{{documentName}}.json").AllowAnonymous();
        return endpoints;
    }
}
