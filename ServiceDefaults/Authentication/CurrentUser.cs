using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Crm.ServiceDefaults.Authentication;

/// <summary>The caller as the access token describes them.</summary>
public sealed record CurrentUser(string Subject, string? Name, Guid? TeamId, IReadOnlySet<string> Roles)
{
    /// <summary>The user id, or null for an integration client (whose subject is its client id).</summary>
    public Guid? UserId => Guid.TryParse(Subject, out var id) ? id : null;

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsInAnyRole(params string[] roles) => roles.Any(Roles.Contains);

    /// <summary>Lets a minimal API handler take the caller as a parameter.</summary>
    public static ValueTask<CurrentUser?> BindAsync(HttpContext context) => ValueTask.FromResult<CurrentUser?>(From(context.User));

    public static CurrentUser From(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirstValue(CrmClaimTypes.Subject)
            ?? throw new InvalidOperationException("The caller is not authenticated.");
        var team = Guid.TryParse(principal.FindFirstValue(CrmClaimTypes.Team), out var teamId) ? teamId : (Guid?)null;
        var roles = principal.FindAll(CrmClaimTypes.Role).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        return new CurrentUser(subject, principal.FindFirstValue(CrmClaimTypes.Name), team, roles);
    }
}
