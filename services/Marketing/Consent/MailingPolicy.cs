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
    public async Task<MailingRefusal?> CheckAsync(Guid contactId, CancellationToken cancellationToken) =>
        (await CheckAsync([contactId], cancellationToken)).GetValueOrDefault(contactId);

    /// <summary>The same answer for many contacts in three queries, however many they are.</summary>
    /// <returns>The contacts that may not be mailed, with why; a contact left out may be mailed.</returns>
    public async Task<Dictionary<Guid, MailingRefusal>> CheckAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken)
    {
        var contacts = await db.Customers.AsNoTracking()
            .Where(customer => contactIds.Contains(customer.Id))
            .ToDictionaryAsync(customer => customer.Id, cancellationToken);
        return await CheckAsync(contactIds, contacts, cancellationToken);
    }

    /// <summary>
    /// The same answer for contacts the caller has just read (a campaign reads its chunk's contacts to write their mail):
    /// two queries, the suppression list and the frequency cap, however many they are.
    /// </summary>
    /// <param name="contacts">The contacts as read now; one missing from it no longer exists.</param>
    public async Task<Dictionary<Guid, MailingRefusal>> CheckAsync(
        IReadOnlyCollection<Guid> contactIds, IReadOnlyDictionary<Guid, Customer> contacts, CancellationToken cancellationToken)
    {
        var addresses = contacts.Values.Where(contact => !string.IsNullOrWhiteSpace(contact.Email)).Select(contact => contact.Email!.ToLowerInvariant()).ToList();
        var suppressed = (await db.Suppressions.AsNoTracking()
            .Where(suppression => addresses.Contains(suppression.Email))
            .Select(suppression => suppression.Email)
            .ToListAsync(cancellationToken)).ToHashSet();

        // Campaign and journey mails count alike: the cap is about what the person receives. One statement for both.
        var since = clock.GetUtcNow() - options.Value.FrequencyWindow;
        var recentlySent = db.CampaignRecipients
            .Where(recipient => contactIds.Contains(recipient.ContactId) && recipient.Status == RecipientStatus.Sent && recipient.SentAt >= since)
            .Select(recipient => recipient.ContactId)
            .Concat(db.JourneyMessages
                .Where(message => contactIds.Contains(message.ContactId) && message.Status == RecipientStatus.Sent && message.SentAt >= since)
                .Select(message => message.ContactId));
        var recent = await recentlySent
            .GroupBy(contactId => contactId)
            .Select(sent => new { ContactId = sent.Key, Count = sent.Count() })
            .ToDictionaryAsync(sent => sent.ContactId, sent => sent.Count, cancellationToken);

        var refusals = new Dictionary<Guid, MailingRefusal>();
        foreach (var contactId in contactIds)
        {
            var contact = contacts.GetValueOrDefault(contactId);
            var count = recent.GetValueOrDefault(contactId);
            if (contact is null || contact.IsDeleted)
            {
                refusals[contactId] = new("the contact no longer exists", Final: true);
            }
            else if (contact.Consent != ConsentState.OptedIn)
            {
                refusals[contactId] = new($"consent: {contact.Consent}", Final: true);
            }
            else if (string.IsNullOrWhiteSpace(contact.Email))
            {
                refusals[contactId] = new("no e-mail address", Final: true);
            }
            else if (suppressed.Contains(contact.Email.ToLowerInvariant()))
            {
                refusals[contactId] = new("the address is suppressed", Final: true);
            }
            else if (count >= options.Value.FrequencyCap)
            {
                refusals[contactId] = new($"frequency cap: {count} mails in the last {options.Value.FrequencyWindow.TotalDays:0} days", Final: false);
            }
        }

        return refusals;
    }
}
