namespace Crm.Marketing.Model;

public enum BounceKind
{
    /// <summary>Permanent (5xx: no such mailbox, domain gone): the contact is never mailed again.</summary>
    Hard,

    /// <summary>Temporary (mailbox full, greylisted): only <c>SoftBounceLimit</c> of them within <c>SoftBounceWindow</c> count as a hard one.</summary>
    Soft,
}
