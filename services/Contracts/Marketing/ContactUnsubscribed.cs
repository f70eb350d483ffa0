namespace Crm.Contracts.Marketing;

/// <summary>
/// A contact asked for no more marketing mail (the link in a mail, the one-click List-Unsubscribe POST, or a marketer
/// recording it). Marketing never mails them again; the customer service shows it on the customer's timeline.
/// </summary>
/// <param name="CampaignId">The campaign whose mail carried the link, when there was one.</param>
/// <param name="Channel">Link, OneClick or Marketer.</param>
public sealed record ContactUnsubscribed(
    Guid ContactId,
    Guid? CampaignId,
    string Channel,
    DateTimeOffset OccurredAt);
