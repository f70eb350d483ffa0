using Crm.Contracts.Marketing;
using Crm.Marketing.Extensions;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Marketing.Scoring;

/// <summary>
/// Recomputes a contact's score after each behaviour, in the caller's transaction. Crossing the threshold the first
/// time hands the lead to sales with the reasons and the first and last marketing touch.
/// </summary>
public sealed class LeadScorer(MarketingDbContext db, IOptions<MarketingOptions> options, TimeProvider clock)
{
    /// <param name="pending">A behaviour added but not yet saved, counted too.</param>
    public async Task RescoreAsync(Guid contactId, Behaviour? pending, CancellationToken cancellationToken)
    {
        var contact = await db.Customers.FirstOrDefaultAsync(c => c.Id == contactId && !c.IsDeleted, cancellationToken);
        var rules = await db.ScoringRules.AsNoTracking().ToListAsync(cancellationToken);
        if (contact is null || rules.Count == 0)
        {
            return;
        }

        var behaviours = await db.Behaviours.AsNoTracking().Where(b => b.ContactId == contactId).ToListAsync(cancellationToken);
        if (pending is not null)
        {
            behaviours.Add(pending);
        }

        var now = clock.GetUtcNow();
        var (score, reasons) = LeadScore.Compute(contact, behaviours, rules, now, options.Value.LeadScoreHalfLife);
        contact.LeadScore = score;
        if (score < options.Value.LeadScoreThreshold || contact.HandedOffAt is not null || contact.Consent == ConsentState.Erased)
        {
            return;
        }

        contact.HandedOffAt = now;
        var touches = behaviours.Where(b => b.CampaignId is not null || b.UtmSource is not null || b.UtmCampaign is not null)
            .OrderBy(b => b.OccurredAt).ToList();
        db.AddIntegrationEvent(
            new LeadHandedOff(contact.Id, contact.Id, contact.Name, contact.Email, null, contact.Kind == "Company" ? contact.Name : null,
                contact.Region, contact.Source, score, reasons, Touch(touches.FirstOrDefault(), contact), Touch(touches.LastOrDefault(), contact), now),
            orderingKey: contact.Id.ToString());
    }

    private static MarketingTouch? Touch(Behaviour? behaviour, Customer contact) => behaviour is null
        ? null
        : new MarketingTouch(behaviour.CampaignId, contact.Source, behaviour.UtmSource ?? (behaviour.CampaignId is null ? null : "crm-campaign"),
            behaviour.UtmMedium ?? (behaviour.CampaignId is null ? null : "email"), behaviour.UtmCampaign, behaviour.OccurredAt);
}
