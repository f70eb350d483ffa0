using Crm.Marketing.Extensions;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Marketing.Consent;

/// <summary>
/// The one answer to "may we mail this person now?" that every sending path (campaigns, journeys, tests of a
/// template) asks right before it sends: consent, the suppression list and the frequency cap.
/// </summary>
public sealed class MailingPolicy(MarketingDbContext db, IOptions<MarketingOptions> options, TimeProvider clock)
{
    /// <returns>Null when the contact may be mailed; otherwise why not.</returns>
    public async Task<string?> RefusalAsync(Guid contactId, CancellationToken cancellationToken) =>
        (await CheckAsync(contactId, cancellationToken))?.Reason;

    /// <returns>Null when the contact may be mailed; otherwise why not, and whether that is for good.</returns>
    public async Task<MailingRefusal?> CheckAsync(Guid contactId, CancellationToken cancellationToken)
    {
        var contact = await db.Customers.AsNoTracking().FirstOrDefaultAsync(customer => customer.Id == contactId, cancellationToken);
        if (contact is null || contact.IsDeleted)
        {
            return new("the contact no longer exists", Final: true);
        }

        if (contact.Consent != ConsentState.OptedIn)
        {
            return new($"consent: {contact.Consent}", Final: true);
        }

        if (string.IsNullOrWhiteSpace(contact.Email))
        {
            return new("no e-mail address", Final: true);
        }

        var email = contact.Email.ToLowerInvariant();
        if (await db.Suppressions.AnyAsync(suppression => suppression.Email == email, cancellationToken))
        {
            return new("the address is suppressed", Final: true);
        }

        // Campaign and journey mails count alike: the cap is about what the person receives.
        var since = clock.GetUtcNow() - options.Value.FrequencyWindow;
        var recent = await db.CampaignRecipients.CountAsync(
            recipient => recipient.ContactId == contactId && recipient.Status == RecipientStatus.Sent && recipient.SentAt >= since, cancellationToken)
            + await db.JourneyMessages.CountAsync(
                message => message.ContactId == contactId && message.Status == RecipientStatus.Sent && message.SentAt >= since, cancellationToken);
        return recent >= options.Value.FrequencyCap
            ? new($"frequency cap: {recent} mails in the last {options.Value.FrequencyWindow.TotalDays:0} days", Final: false)
            : null;
    }
}
