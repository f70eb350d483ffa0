namespace Crm.Marketing.Apis;

/// <param name="Enrolled">Everyone who ever entered.</param>
/// <param name="Exited">Left early: unsubscribed, bounced, erased, suppressed, or the journey was archived.</param>
/// <param name="MailsSent">Mails the SMTP server accepted; <paramref name="MailsSkipped"/> were held back by the frequency cap.</param>
/// <param name="Waiting">Active people per step index they will run next.</param>
public sealed record JourneyStats(
    Guid JourneyId, int Enrolled, int Active, int Completed, int Exited, int MailsSent, int MailsFailed, int MailsSkipped, int MailsUnconfirmed,
    int Opened, int Clicked, IReadOnlyDictionary<int, int> Waiting);
