using Crm.Contracts.Marketing;
using Crm.Marketing.Extensions;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Marketing.Scoring;

/// <summary>
/// Recomputes a contact's score, in the caller's transaction: after each behaviour, and from the decay sweep. Every
/// change is announced (<see cref="LeadScoreChanged"/>); crossing the threshold the first time hands the lead to sales
/// with the reasons and the first and last marketing touch.
/// </summary>
public sealed class LeadScorer(MarketingDbContext db, IOptions<MarketingOptions> options, TimeProvider clock)
{
    public const string DecayCause = "decay";

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

        Apply(contact, behaviours, rules, pending is null ? "rescored" : Describe(pending));
    }

    /// <summary>Recomputes a (tracked) contact's score with nothing new: only time passed. True when the score moved.</summary>
    public async Task<bool> DecayAsync(Customer contact, IReadOnlyList<ScoringRule> rules, CancellationToken cancellationToken)
    {
        var behaviours = await db.Behaviours.AsNoTracking().Where(b => b.ContactId == contact.Id).ToListAsync(cancellationToken);
        return Apply(contact, behaviours, rules, DecayCause);
    }

    private bool Apply(Customer contact, List<Behaviour> behaviours, IReadOnlyList<ScoringRule> rules, string cause)
    {
        var now = clock.GetUtcNow();
        var (score, reasons) = LeadScore.Compute(contact, behaviours, rules, now, options.Value.LeadScoreHalfLife);
        var previous = contact.LeadScore;
        contact.LeadScore = score;
        contact.LeadScoreCheckedAt = now;
        if (score != previous)
        {
            db.AddIntegrationEvent(new LeadScoreChanged(contact.Id, previous, score, $"{cause} ({score - previous:+0;-0})", now),
                orderingKey: contact.Id.ToString());
        }

        if (score >= options.Value.LeadScoreThreshold && contact.HandedOffAt is null && contact.Consent != ConsentState.Erased)
        {
            HandOff(contact, behaviours, score, reasons, now);
        }

        return score != previous;
    }

    private void HandOff(Customer contact, List<Behaviour> behaviours, int score, IReadOnlyList<string> reasons, DateTimeOffset now)
    {
        contact.HandedOffAt = now;
        var touches = behaviours.Where(b => b.CampaignId is not null || b.UtmSource is not null || b.UtmCampaign is not null)
            .OrderBy(b => b.OccurredAt).ToList();
        db.AddIntegrationEvent(
            new LeadHandedOff(contact.Id, contact.Id, contact.Name, contact.Email, null, contact.Kind == "Company" ? contact.Name : null,
                contact.Region, contact.Source, score, reasons, Touch(touches.FirstOrDefault(), contact), Touch(touches.LastOrDefault(), contact), now),
            orderingKey: contact.Id.ToString());
    }

    /// <summary>What the contact did, for the score change's reason on the timeline.</summary>
    private static string Describe(Behaviour behaviour) => behaviour.Kind switch
    {
        BehaviourKind.Opened => "opened a campaign e-mail",
        BehaviourKind.Clicked => $"clicked {behaviour.Url}",
        BehaviourKind.Visited => $"visited {behaviour.Url}",
        BehaviourKind.SurveyAnswered => $"answered {behaviour.SurveyId}: {behaviour.Value}",
        _ => behaviour.Kind.ToString().ToLowerInvariant(),
    };

    private static MarketingTouch? Touch(Behaviour? behaviour, Customer contact) => behaviour is null
        ? null
        : new MarketingTouch(behaviour.CampaignId, contact.Source, behaviour.UtmSource ?? (behaviour.CampaignId is null ? null : "crm-campaign"),
            behaviour.UtmMedium ?? (behaviour.CampaignId is null ? null : "email"), behaviour.UtmCampaign, behaviour.OccurredAt);
}
