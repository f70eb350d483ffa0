using Crm.Contracts.Identity;
using Crm.Identity.Model;

namespace Crm.Identity.Infrastructure;

/// <summary>Tells the other services about a user's new state, in the same transaction as the change.</summary>
public static class UserDirectory
{
    public static void PublishChange(this IdentityDbContext db, CrmUser user, IEnumerable<string> roles, DateTimeOffset now)
    {
        user.Revision++;
        db.AddIntegrationEvent(
            new UserChanged(user.Id, user.Revision, user.DisplayName, user.Email!, user.TeamId, [.. roles.Order()], user.IsActive, now),
            orderingKey: user.Id.ToString());
    }
}
