namespace Crm.Contracts.Identity;

/// <summary>
/// A user was created or changed (name, team, roles, active). Carries the whole current state; services keep a copy
/// of the user directory for team scoping ("a manager sees the team's records"), assignment and reports, and apply
/// an event only when its <paramref name="Revision"/> is newer than what they hold.
/// </summary>
public sealed record UserChanged(
    Guid UserId,
    int Revision,
    string DisplayName,
    string Email,
    Guid? TeamId,
    IReadOnlyList<string> Roles,
    bool IsActive,
    DateTimeOffset OccurredAt);
