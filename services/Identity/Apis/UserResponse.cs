using Crm.Identity.Model;

namespace Crm.Identity.Apis;

public sealed record UserResponse(
    Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, Guid? TeamId, bool IsActive, DateTimeOffset? LockedOutUntil)
{
    public static UserResponse From(CrmUser user, IEnumerable<string> roles, DateTimeOffset now) =>
        new(user.Id, user.Email!, user.DisplayName, [.. roles.Order()], user.TeamId, user.IsActive,
            user.LockoutEnd > now ? user.LockoutEnd : null);
}
