namespace Crm.Marketing.Model;

public enum EnrolmentStatus
{
    Active,

    /// <summary>Walked past the last step.</summary>
    Completed,

    /// <summary>Left early: unsubscribed, bounced, erased, suppressed, deleted, or the journey was archived.</summary>
    Exited,
}
