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
    public async Task<string?> RefusalAsync(Guid contactId, CancellationToken cancellationToken)
    {
        var contact = await db.Customers.AsNoTracking().FirstOrDefaultAsync(customer => customer.Id == contactId, cancellationToken);
        if (contact is null || contact.IsDeleted)
        {
            return "the contact no longer exists";
        }

        if (contact.Consent != ConsentState.OptedIn)
        {
            return $"consent: {contact.Consent}";
        }

        if (string.IsNullOrWhiteSpace(contact.Email))
        {
            return "no e-mail address";
        }

        var email = contact.Email.ToLowerInvariant();
        if (await db.Suppressions.AnyAsync(suppression => suppression.Email == email, cancellationToken))
        {
            return "the address is suppressed";
        }

        var since = clock.GetUtcNow() - options.Value.FrequencyWindow;
        var recent = await db.CampaignRecipients.CountAsync(
            recipient => recipient.ContactId == contactId && recipient.Status == RecipientStatus.Sent && recipient.SentAt >= since, cancellationToken);
        return recent >= options.Value.FrequencyCap
            ? $"frequency cap: {recent} mails in the last {options.Value.FrequencyWindow.TotalDays:0} days"
            : null;
    }
}
