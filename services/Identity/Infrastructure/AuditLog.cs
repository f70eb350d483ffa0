using Crm.Identity.Model;
using Crm.ServiceDefaults.Authentication;

namespace Crm.Identity.Infrastructure;

/// <summary>Adds audit entries to the unit of work; they are saved with the change they describe.</summary>
public sealed class AuditLog(IdentityDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>Records an action by the signed-in caller.</summary>
    public void Record(string action, string? target, string? details = null)
    {
        var user = http.HttpContext?.User;
        Record(action, user?.FindFirst(CrmClaimTypes.Subject)?.Value, user?.FindFirst(CrmClaimTypes.Name)?.Value, target, details);
    }

    public void Record(string action, string? actorId, string? actorName, string? target, string? details = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(),
            Action = action,
            ActorId = actorId,
            ActorName = actorName,
            Target = target,
            Details = details,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
}
