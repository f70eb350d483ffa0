using Crm.Contracts.Marketing;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Journeys;
using Crm.Marketing.Model;
using Crm.Marketing.Segments;

namespace Crm.Marketing.Consent;

/// <summary>
/// A person withdrawing consent: the new state, its event, the end of their journeys and their segment memberships
/// (rules may select on <c>consent</c>) change in one commit.
/// </summary>
public sealed class ConsentChanges(MarketingDbContext db, LiveSegments live)
{
    /// <summary>
    /// Records the unsubscribe and publishes it in the same commit. Bounced and erased stay as they are: they are
    /// stronger than an unsubscribe. Repeating it changes nothing (a mail client may POST twice).
    /// </summary>
    public async Task UnsubscribeAsync(Customer contact, Guid? campaignId, string channel, DateTimeOffset now, CancellationToken cancellationToken)
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
        await live.SaveAndRefreshAsync(contact.Id, cancellationToken);
        // A person who unsubscribes leaves every journey in the same commit.
        await JourneyEnroller.ExitAllAsync(db, contact.Id, "unsubscribed", now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
