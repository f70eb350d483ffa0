namespace Crm.Support.Model;

public enum TimerKind
{
    FirstResponseWarning,
    FirstResponseBreach,
    ResolutionWarning,
    ResolutionBreach,

    /// <summary>The satisfaction survey mail of a resolved ticket (subject: the survey).</summary>
    SurveyMail,

    /// <summary>A care plan's round of check-in tickets (subject: the plan).</summary>
    CarePlanCheckIn,
}
