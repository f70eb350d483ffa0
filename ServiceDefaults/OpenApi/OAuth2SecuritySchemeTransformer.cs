using Crm.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.OpenApi;

namespace Crm.ServiceDefaults.OpenApi;

/// <summary>
/// Declares how to get a token (authorization code with PKCE for people, client credentials for integrations), so the
/// gateway's API browser can sign a person in and try calls.
/// </summary>
internal sealed class OAuth2SecuritySchemeTransformer(IConfiguration configuration) : IOpenApiDocumentTransformer
{
    public const string SchemeName = "oauth2";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(configuration[$"{CrmTokenSettings.SectionName}:Issuer"], UriKind.Absolute, out var issuer))
        {
            return Task.CompletedTask;
        }

        var scopes = new Dictionary<string, string>
        {
            [CrmAudiences.ApiScope] = "Call the CRM API",
            ["openid"] = "Sign in",
            ["profile"] = "Name and roles",
            ["offline_access"] = "Stay signed in (refresh tokens)",
        };
        var tokenUrl = new Uri(issuer, "connect/token");
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Sign in through the CRM's identity service.",
            Flows = new OpenApiOAuthFlows
            {
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = new Uri(issuer, "connect/authorize"),
                    TokenUrl = tokenUrl,
                    RefreshUrl = tokenUrl,
                    Scopes = scopes,
                },
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = tokenUrl,
                    Scopes = new Dictionary<string, string> { [CrmAudiences.ApiScope] = scopes[CrmAudiences.ApiScope] },
                },
            },
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(SchemeName, document)] = [CrmAudiences.ApiScope],
        });
        return Task.CompletedTask;
    }
}
