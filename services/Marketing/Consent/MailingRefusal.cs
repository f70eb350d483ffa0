namespace Crm.Marketing.Consent;

/// <param name="Final">True when the person may never be mailed again (gone, consent withdrawn, no address,
/// suppressed); false for the frequency cap, which lifts with time.</param>
public sealed record MailingRefusal(string Reason, bool Final);
