namespace Crm.Identity.Model;

public static class AuditActions
{
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string UserCreated = "user-created";
    public const string RolesChanged = "roles-changed";
    public const string TeamChanged = "team-changed";
    public const string UserDeactivated = "user-deactivated";
    public const string UserActivated = "user-activated";
    public const string UserUnlocked = "user-unlocked";
    public const string ClientCreated = "client-created";
    public const string TeamCreated = "team-created";
}
