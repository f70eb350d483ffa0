using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Model.Segments;

/// <summary>
/// The contact did something: opened or clicked a campaign (one, or any), visited a page whose URL matches a pattern, or
/// answered a survey (with a value) — ever, or in the last <see cref="Days"/> days.
/// </summary>
public sealed record BehaviourCondition(
    BehaviourKind Kind, Guid? CampaignId, string? UrlPattern, string? SurveyId, string? Value, int? Days) : SegmentRule
{
    public override Expression<Func<Customer, bool>> ToPredicate(SegmentSources sources)
    {
        var behaviours = sources.Behaviours;
        var kind = Kind;
        var campaignId = CampaignId;
        DateTimeOffset? since = Days is { } days ? sources.Now.AddDays(-days) : null;
        var done = behaviours.Where(b => b.Kind == kind && (since == null || b.OccurredAt >= since));
        if (campaignId is not null)
        {
            done = done.Where(b => b.CampaignId == campaignId);
        }

        if (UrlPattern is not null)
        {
            var like = UrlPatterns.ToLike(UrlPattern);
            done = done.Where(b => b.Url != null && EF.Functions.ILike(b.Url, like, UrlPatterns.Escape));
        }

        if (SurveyId is not null)
        {
            var surveyId = SurveyId;
            done = done.Where(b => b.SurveyId == surveyId);
        }

        if (Value is not null)
        {
            var value = Value.ToLowerInvariant();
            done = done.Where(b => b.Value != null && b.Value.ToLower() == value);
        }

        return contact => done.Any(b => b.ContactId == contact.Id);
    }

    public override bool HasTimeWindow => Days is not null;
}
