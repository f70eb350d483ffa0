using Crm.Gateway.Routing;
using Scalar.AspNetCore;

namespace Crm.Gateway.Docs;

/// <summary>
/// The services' OpenAPI documents in one browsable reference at <c>/docs</c> (Scalar, served from its package, so it
/// works without internet access), with sign-in through identity so a person can try calls.
/// </summary>
public static class ApiDocs
{
    /// <summary>The name under which the services' OpenAPI documents declare their OAuth 2 security scheme.</summary>
    public const string SecuritySchemeName = "oauth2";

    public const string ClientId = "crm-web";

    public static readonly string[] Scopes = ["openid", "profile", "offline_access", "crm"];

    public static IEndpointConventionBuilder MapApiDocs(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapScalarApiReference(GatewayPaths.Docs, (options, context) =>
        {
            // The gateway's own address as the browser reached it: identity, the documents and the APIs all live there.
            // It replaces the servers the documents name, which are the services' internal addresses.
            var origin = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
            // Everything that would call scalar.com or a font CDN is off: the docs work offline.
            options.WithTitle("CRM API")
                .DisableTelemetry()
                .DisableDefaultFonts()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .AddServer(origin);
            foreach (var name in BackendServices.Names)
            {
                options.AddDocument(name, Title(name), $"/api/{name}/openapi/v1.json", isDefault: name == "customers");
            }

            options.AddPreferredSecuritySchemes(SecuritySchemeName)
                .AddAuthorizationCodeFlow(SecuritySchemeName, flow => flow
                    .WithClientId(ClientId)
                    .WithAuthorizationUrl($"{origin}/connect/authorize")
                    .WithTokenUrl($"{origin}/connect/token")
                    .WithPkce(Pkce.Sha256)
                    // crm-web is a public client: its id travels in the token request's body, never as Basic credentials.
                    .WithCredentialsLocation(CredentialsLocation.Body)
                    // Fixed rather than Scalar's default (the page's own URL, which differs when a document is opened by
                    // its own path). The page lives at /docs/: /docs redirects there and would drop the code on the way.
                    // Identity must register exactly this value for the client.
                    .WithRedirectUri(RedirectUri(origin))
                    .WithSelectedScopes(Scopes))
                .AddDefaultScopes(SecuritySchemeName, Scopes);
        }).AllowAnonymous();

    private static string RedirectUri(string gatewayOrigin) => $"{gatewayOrigin}{GatewayPaths.Docs}/";

    private static string Title(string name) => $"{char.ToUpperInvariant(name[0])}{name[1..]}";
}
