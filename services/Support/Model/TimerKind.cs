namespace Crm.Support.Model;

public enum TimerKind
{
    FirstResponseWarning,
    FirstResponseBreach,
    ResolutionWarning,
    ResolutionBreach,
}
