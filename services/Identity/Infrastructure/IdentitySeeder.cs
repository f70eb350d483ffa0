using Crm.Identity.Extensions;
using Crm.Identity.Model;
using Crm.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Crm.Identity.Infrastructure;

/// <summary>
/// Part of the explicit migrate step, so replicas never race to create them: keys, roles, the API scope, the web client
/// and, on first start, the administrator named in configuration.
/// </summary>
public sealed class IdentitySeeder(
    IdentityDbContext db,
    RoleManager<IdentityRole<Guid>> roles,
    UserManager<CrmUser> users,
    IOpenIddictScopeManager scopes,
    IOpenIddictApplicationManager applications,
    IOptions<IdentityServerSettings> settings,
    TimeProvider clock,
    ILogger<IdentitySeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await TokenKeys.EnsureCreatedAsync(db, clock, cancellationToken);
        await EnsureRolesAsync();
        await EnsureApiScopeAsync(cancellationToken);
        await EnsureWebClientAsync(cancellationToken);
        await EnsureAdministratorAsync();
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in CrmRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() }), $"create role {role}");
            }
        }
    }

    private async Task EnsureApiScopeAsync(CancellationToken cancellationToken)
    {
        if (await scopes.FindByNameAsync(CrmAudiences.ApiScope, cancellationToken) is null)
        {
            var descriptor = new OpenIddictScopeDescriptor { Name = CrmAudiences.ApiScope, DisplayName = "The CRM API" };
            descriptor.Resources.Add(CrmAudiences.Api);
            await scopes.CreateAsync(descriptor, cancellationToken);
        }
    }

    private async Task EnsureWebClientAsync(CancellationToken cancellationToken)
    {
        var web = settings.Value.WebClient;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = IdentityServerSettings.WebClientSettings.ClientId,
            DisplayName = "CRM web client",
            ClientType = ClientTypes.Public,
            // First-party client: people are not asked to consent to the CRM using their own CRM account.
            ConsentType = ConsentTypes.Implicit,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Email,
                Permissions.Scopes.Roles,
                Permissions.Prefixes.Scope + CrmAudiences.ApiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        descriptor.RedirectUris.UnionWith(web.RedirectUris);
        descriptor.PostLogoutRedirectUris.UnionWith(web.PostLogoutRedirectUris);

        // Updated on every migrate, so a changed list of redirect URIs takes effect.
        if (await applications.FindByClientIdAsync(descriptor.ClientId, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }

    private async Task EnsureAdministratorAsync()
    {
        if ((await users.GetUsersInRoleAsync(CrmRoles.Administrator)).Count > 0)
        {
            return;
        }

        var bootstrap = settings.Value.Bootstrap;
        if (string.IsNullOrEmpty(bootstrap.AdminPassword))
        {
            logger.LogWarning("No administrator exists and Identity:Bootstrap:AdminPassword is not set, so nobody can sign in yet");
            return;
        }

        var admin = new CrmUser
        {
            Id = Guid.CreateVersion7(),
            UserName = bootstrap.AdminEmail,
            Email = bootstrap.AdminEmail,
            EmailConfirmed = true,
            DisplayName = "Administrator",
            CreatedAt = clock.GetUtcNow(),
        };
        Check(await users.CreateAsync(admin, bootstrap.AdminPassword), "create the first administrator");
        Check(await users.AddToRoleAsync(admin, CrmRoles.Administrator), "make the first user an administrator");
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(), Action = AuditActions.UserCreated, ActorName = "bootstrap", Target = admin.Id.ToString(),
            Details = $"First administrator {admin.Email}",
        });
        db.PublishChange(admin, [CrmRoles.Administrator], clock.GetUtcNow());
        await db.SaveChangesAsync();
        logger.LogInformation("Created the first administrator {Email}", admin.Email);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(error => error.Description))}");
        }
    }
}
