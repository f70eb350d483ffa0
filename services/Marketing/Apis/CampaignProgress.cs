namespace Crm.Marketing.Apis;

/// <param name="Skipped">Not mailed because consent, suppression or the frequency cap said no at send time.</param>
/// <param name="Unconfirmed">The sender stopped mid-send; never sent again (see docs/marketing.md).</param>
/// <param name="Bounced">The SMTP server refused the recipient for good while sending (5xx).</param>
public sealed record CampaignProgress(int Total, int Queued, int Sending, int Sent, int Failed, int Skipped, int Unconfirmed, int Bounced);
