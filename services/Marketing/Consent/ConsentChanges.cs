using Crm.Contracts.Marketing;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Journeys;
using Crm.Marketing.Model;

namespace Crm.Marketing.Consent;

public static class ConsentChanges
{
    /// <summary>
    /// Records the unsubscribe and publishes it in the same commit. Bounced and erased stay as they are: they are
    /// stronger than an unsubscribe. Repeating it changes nothing (a mail client may POST twice).
    /// </summary>
    public static async Task UnsubscribeAsync(
        MarketingDbContext db, Customer contact, Guid? campaignId, string channel, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (contact.Consent != ConsentState.OptedIn)
        {
            return;
        }

        contact.Consent = ConsentState.Unsubscribed;
        contact.ConsentChangedAt = now;
        // Kept as behaviour too: the contact's history shows it, and campaign stats count unsubscribes per campaign.
        db.Behaviours.Add(new Behaviour { ContactId = contact.Id, CampaignId = campaignId, Kind = BehaviourKind.Unsubscribed, Value = channel, OccurredAt = now });
        db.AddIntegrationEvent(new ContactUnsubscribed(contact.Id, campaignId, channel, now), orderingKey: contact.Id.ToString());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // A person who unsubscribes leaves every journey in the same commit.
        await JourneyEnroller.ExitAllAsync(db, contact.Id, "unsubscribed", now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
