namespace Crm.Contracts.Marketing;

/// <summary>
/// The SMTP server accepted a campaign mail for a contact. The customer service shows it on the customer's timeline;
/// marketing's own stats count it.
/// </summary>
/// <param name="ContactId">Marketing's contact, which is the customer service's customer id.</param>
/// <param name="MessageId">The mail's Message-Id header, the same for the same campaign and contact.</param>
public sealed record CampaignEmailSent(
    Guid CampaignId,
    string CampaignName,
    Guid ContactId,
    string MessageId,
    string Subject,
    DateTimeOffset OccurredAt);
