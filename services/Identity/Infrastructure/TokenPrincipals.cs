using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using Crm.Identity.Model;
using Crm.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Crm.Identity.Infrastructure;

/// <summary>
/// What a token says about its holder. Built afresh on every code exchange and refresh, so a role change or a
/// deactivation takes effect at the next refresh, within one access-token lifetime.
/// </summary>
public sealed class TokenPrincipals(UserManager<CrmUser> users, IOpenIddictApplicationManager applications)
{
    /// <summary>Application property holding an integration client's roles (a JSON array of role names).</summary>
    public const string ClientRolesProperty = "roles";

    public async Task<ClaimsPrincipal> ForUserAsync(CrmUser user, ImmutableArray<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(CrmClaimTypes.Team, user.TeamId?.ToString())
            .SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);
        return Finish(identity, scopes);
    }

    public async Task<ClaimsPrincipal> ForClientAsync(object application, ImmutableArray<string> scopes)
    {
        var identity = NewIdentity();
        var properties = await applications.GetPropertiesAsync(application);
        var roles = properties.TryGetValue(ClientRolesProperty, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(role => role.GetString()!).ToImmutableArray()
            : [];
        identity.SetClaim(Claims.Subject, await applications.GetClientIdAsync(application))
            .SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application))
            .SetClaims(Claims.Role, roles);
        return Finish(identity, scopes);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, ImmutableArray<string> scopes)
    {
        identity.SetScopes(scopes);
        identity.SetResources(CrmAudiences.Api);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.Email or Claims.Role => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }
}
