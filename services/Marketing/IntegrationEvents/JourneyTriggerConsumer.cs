using Crm.Contracts.Customers;
using Crm.Contracts.Marketing;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Journeys;
using Crm.Marketing.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.IntegrationEvents;

/// <summary>
/// Enrols people in the active journeys their event triggers: segment entry (published by marketing's live segments)
/// and a tier change. A new customer enrols with its copy (<see cref="CustomerCopyConsumer"/>), web visits and survey
/// answers where they are recorded (BehaviourApi).
/// </summary>
public sealed class JourneyTriggerConsumer(MarketingDbContext db, JourneyEnroller enroller)
    : IConsumer<ContactEnteredSegment>, IConsumer<CustomerTierChanged>
{
    public async Task Consume(ConsumeContext<ContactEnteredSegment> context)
    {
        var entered = context.Message;
        await EnsureContactAsync(entered.ContactId, context.CancellationToken);
        await enroller.EnrolAsync(entered.ContactId, JourneyTrigger.SegmentEntered, j => JourneyTriggers.MatchesSegment(j, entered.SegmentId), context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<CustomerTierChanged> context)
    {
        var changed = context.Message;
        await EnsureContactAsync(changed.CustomerId, context.CancellationToken);
        await enroller.EnrolAsync(changed.CustomerId, JourneyTrigger.TierChanged, j => JourneyTriggers.MatchesTier(j, changed.Tier), context.CancellationToken);
    }

    /// <summary>
    /// The contact's copy arrives on another queue; until it has, the first mail could not be addressed, so the event
    /// is retried rather than the person enrolled and dropped at the first step.
    /// </summary>
    private async Task EnsureContactAsync(Guid contactId, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == contactId, cancellationToken))
        {
            throw new InvalidOperationException($"Contact {contactId} is not in marketing's copy yet.");
        }
    }
}
