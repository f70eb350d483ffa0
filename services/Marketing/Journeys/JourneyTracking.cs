using Crm.Contracts.Marketing;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.Marketing.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Journeys;

/// <summary>
/// Opens and clicks of journey mail: their tracking links carry the <see cref="JourneyMessage"/>'s id where a campaign
/// mail carries the campaign's. The mail row keeps the first open and click for the branch after it; the behaviour
/// history, the lead score and the customer timeline see them as they see a campaign's (the journey in the campaign's place).
/// </summary>
public static class JourneyTracking
{
    /// <returns>False when <paramref name="trackingId"/> is not a journey mail to this contact.</returns>
    public static async Task<bool> RecordAsync(
        MarketingDbContext db, LeadScorer scorer, Guid trackingId, Guid contactId, BehaviourKind kind, string? url, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var mail = await db.JourneyMessages.FirstOrDefaultAsync(m => m.Id == trackingId && m.ContactId == contactId, cancellationToken);
        if (mail is null)
        {
            return false;
        }

        var journeyName = await db.Journeys.Where(j => j.Id == mail.JourneyId).Select(j => j.Name).FirstAsync(cancellationToken);
        var firstOpen = mail.OpenedAt is null;
        mail.OpenedAt ??= now;
        if (kind == BehaviourKind.Clicked)
        {
            mail.ClickedAt ??= now;
        }

        var behaviour = new Behaviour { ContactId = contactId, Kind = kind, Url = url, Value = $"journey {journeyName}", OccurredAt = now };
        await scorer.RescoreAsync(contactId, behaviour, cancellationToken);
        db.Behaviours.Add(behaviour);
        if (kind == BehaviourKind.Clicked)
        {
            db.AddIntegrationEvent(new EmailClicked(contactId, mail.JourneyId, journeyName, url!, now), orderingKey: contactId.ToString());
        }
        else if (firstOpen)
        {
            db.AddIntegrationEvent(new EmailOpened(contactId, mail.JourneyId, journeyName, now), orderingKey: contactId.ToString());
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
