using Crm.BuildingBlocks.Messaging;
using Crm.BuildingBlocks.Persistence;
using Crm.Identity.Infrastructure;
using Crm.Identity.IntegrationEvents;
using Crm.Identity.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.OpenApi;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Crm.Identity.Extensions;

public static class Extensions
{
    public const string LoginPath = "/account/login";

    public static IHostApplicationBuilder AddIdentityServices(this IHostApplicationBuilder builder)
    {
        var settingsSection = builder.Configuration.GetSection(IdentityServerSettings.SectionName);
        builder.Services.Configure<IdentityServerSettings>(settingsSection);
        var settings = settingsSection.Get<IdentityServerSettings>() ?? new IdentityServerSettings();

        builder.AddServiceDbContext<IdentityDbContext>("identitydb");
        builder.AddMessaging<IdentityDbContext>("identity", bus => bus.AddConsumer<SensitiveActionConsumer>());
        builder.AddServiceOpenApi();
        builder.Services.AddValidatorsFromAssemblyContaining<Program>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddAntiforgery();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<TokenPrincipals>();
        builder.Services.AddScoped<IdentitySeeder>();

        AddUsers(builder.Services, settings);
        AddTokenServer(builder.Services, settings);
        AddForwardedHeaders(builder.Services);
        return builder;
    }

    private static void AddUsers(IServiceCollection services, IdentityServerSettings settings)
    {
        services.AddIdentityCore<CrmUser>(options =>
            {
                // Length over composition rules, as NIST SP 800-63B advises.
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = settings.Lockout.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = settings.Lockout.Duration;
                options.User.RequireUniqueEmail = true;
                options.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                options.ClaimsIdentity.UserNameClaimType = Claims.Name;
                options.ClaimsIdentity.RoleClaimType = Claims.Role;
                options.ClaimsIdentity.EmailClaimType = Claims.Email;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<IdentityDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // API calls carry tokens, validated against this server's own keys; the sign-in page uses a cookie.
        services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = LoginPath;
            options.Cookie.Name = "crm.identity";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }

    private static void AddTokenServer(IServiceCollection services, IdentityServerSettings settings)
    {
        // 'dotnet ef migrations add' builds the host without the AppHost's settings and issues no tokens.
        var issuer = settings.Issuer
            ?? (EF.IsDesignTime ? new Uri("http://localhost/") : null)
            ?? throw new InvalidOperationException("Identity:Issuer is not configured: set Identity__Issuer to the public URL (the AppHost does).");

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                server.SetIssuer(issuer)
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout")
                    .AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow()
                    .RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, CrmAudiences.ApiScope)
                    .SetAccessTokenLifetime(settings.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(settings.RefreshTokenLifetime)
                    // Services validate the JWT themselves with the published keys, so it must be signed, not encrypted.
                    .DisableAccessTokenEncryption();
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // TLS ends at the gateway or the ingress in front of it.
                    .DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.AddAudiences(CrmAudiences.Api);
                validation.UseAspNetCore();
            });

        // Keys live in the database (created by the migrate step), so they are read when the options are first built.
        services.AddOptions<OpenIddictServerOptions>().Configure<IServiceScopeFactory>((options, scopes) =>
        {
            using var scope = scopes.CreateScope();
            var (signing, encryption) = TokenKeys.Load(scope.ServiceProvider.GetRequiredService<IdentityDbContext>());
            options.SigningCredentials.Add(new SigningCredentials(signing, SecurityAlgorithms.RsaSha256));
            options.EncryptionCredentials.Add(new EncryptingCredentials(encryption, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        });
    }

    /// <summary>Redirects (to the sign-in page, back to the client) must use the gateway's address, not ours.</summary>
    private static void AddForwardedHeaders(IServiceCollection services) =>
        services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);
}
