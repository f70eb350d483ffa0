using Crm.ServiceDefaults.WarmUp;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Crm.ServiceDefaults.Authentication;

public static class AuthenticationExtensions
{
    /// <summary>The identity service as the AppHost references it (<c>services__identity__http__0</c>).</summary>
    private const string IdentityServiceAddressKey = "services:identity:http:0";

    /// <summary>
    /// Every endpoint requires a valid access token unless it says <c>AllowAnonymous</c>: each service checks tokens
    /// itself, so a request that bypasses the gateway gains nothing.
    /// </summary>
    public static IHostApplicationBuilder AddCrmAuthentication(this IHostApplicationBuilder builder)
    {
        builder.AddCrmTokenValidation();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>
    /// Validates the identity service's JWT access tokens (signature by its published keys, issuer, audience, lifetime,
    /// <c>at+jwt</c> type) and names claims as the token does. Requires no token by itself.
    /// </summary>
    public static IHostApplicationBuilder AddCrmTokenValidation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        // Read when the host starts rather than now, so design-time tools (dotnet ef) can build the host without it.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IConfiguration>(Configure)
            .Validate(options => options.TokenValidationParameters.ValidIssuer is not null,
                $"{CrmTokenSettings.SectionName}:Issuer is not configured: set Identity__Issuer to the identity service's public URL (the AppHost does).")
            .ValidateOnStart();
        builder.Services.AddWarmUpStep<SigningKeysWarmUp>();
        return builder;
    }

    private static void Configure(JwtBearerOptions options, IConfiguration configuration)
    {
        var settings = configuration.GetSection(CrmTokenSettings.SectionName).Get<CrmTokenSettings>() ?? new CrmTokenSettings();
        if (!Uri.TryCreate(settings.Issuer, UriKind.Absolute, out var issuer))
        {
            return;
        }

        var internalAddress = Uri.TryCreate(configuration[IdentityServiceAddressKey], UriKind.Absolute, out var address) ? address : issuer;
        options.MapInboundClaims = false;
        options.Audience = settings.Audience;
        options.MetadataAddress = new Uri(issuer, ".well-known/openid-configuration").ToString();
        options.RequireHttpsMetadata = false;
        options.BackchannelHttpHandler = new IdentityBackchannelHandler(issuer, internalAddress);
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = issuer.ToString(),
            ValidAudience = settings.Audience,
            ValidTypes = ["at+jwt"],
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            NameClaimType = CrmClaimTypes.Name,
            RoleClaimType = CrmClaimTypes.Role,
            // Access tokens live minutes; a large skew would stretch them noticeably.
            ClockSkew = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>Allows the endpoint to callers holding at least one of <paramref name="roles"/>.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireRole(roles));
}
