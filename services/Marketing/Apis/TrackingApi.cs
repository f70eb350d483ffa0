using Crm.BuildingBlocks.Security;
using Crm.Contracts.Marketing;
using Crm.Marketing.Consent;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Journeys;
using Crm.Marketing.Model;
using Crm.Marketing.Scoring;
using Crm.Marketing.Segments;
using Crm.Marketing.Sending;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Apis;

/// <summary>
/// The open pixel and the click redirect in campaign mail, used without signing in. The target URL is inside the
/// signed token, so only links marketing itself put in a mail are redirected to: an edited or unsigned token is a 400,
/// never a redirect (no open redirect).
/// </summary>
public static class TrackingApi
{
    // The smallest transparent GIF.
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static IEndpointRouteBuilder MapTrackingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup($"{MarketingApi.Prefix}/t").WithTags("Tracking").AllowAnonymous();

        api.MapGet("/o/{token}", Opened).WithSummary("The open pixel: records the open and answers a 1×1 GIF. 400 for a tampered token.");
        api.MapGet("/c/{token}", Clicked).WithSummary("The click redirect: records the click and redirects (302) to the signed URL. 400 for a tampered token; never redirects elsewhere.");
        return app;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Opened(
        string token, LinkSigner tokens, MarketingDbContext db, LeadScorer scorer, LiveSegments live, TimeProvider clock, HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (!tokens.TryVerify(MailComposer.OpenPurpose, token, out var payload) || Ids(payload) is not { } ids)
        {
            return Tampered();
        }

        var (campaignId, contactId, _) = ids;

        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is not null && await db.Customers.AnyAsync(c => c.Id == contactId, cancellationToken))
        {
            var now = clock.GetUtcNow();
            var first = !await db.Behaviours.AnyAsync(
                b => b.ContactId == contactId && b.CampaignId == campaignId && b.Kind == BehaviourKind.Opened, cancellationToken);
            var open = new Behaviour { ContactId = contactId, CampaignId = campaignId, Kind = BehaviourKind.Opened, OccurredAt = now };
            await scorer.RescoreAsync(contactId, open, cancellationToken);
            db.Behaviours.Add(open);
            if (first)
            {
                db.AddIntegrationEvent(new EmailOpened(contactId, campaignId, campaign.Name, now), orderingKey: contactId.ToString());
            }

            await live.SaveAndRefreshAsync(contactId, cancellationToken);
        }
        else if (campaign is null)
        {
            await JourneyTracking.RecordAsync(db, scorer, campaignId, contactId, BehaviourKind.Opened, null, clock.GetUtcNow(), cancellationToken);
        }

        // Every load must reach us, or later opens go unseen.
        response.Headers.CacheControl = "no-store";
        return TypedResults.File(Pixel, "image/gif");
    }

    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Clicked(
        string token, LinkSigner tokens, MarketingDbContext db, LeadScorer scorer, LiveSegments live, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!tokens.TryVerify(MailComposer.ClickPurpose, token, out var payload) || Ids(payload) is not { Url: { } url } ids
            || !Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            return Tampered();
        }

        var (campaignId, contactId, _) = ids;

        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is not null && await db.Customers.AnyAsync(c => c.Id == contactId, cancellationToken))
        {
            var now = clock.GetUtcNow();
            var click = new Behaviour { ContactId = contactId, CampaignId = campaignId, Kind = BehaviourKind.Clicked, Url = url, OccurredAt = now };
            await scorer.RescoreAsync(contactId, click, cancellationToken);
            db.Behaviours.Add(click);
            db.AddIntegrationEvent(new EmailClicked(contactId, campaignId, campaign.Name, url, now), orderingKey: contactId.ToString());
            await live.SaveAndRefreshAsync(contactId, cancellationToken);
        }
        else if (campaign is null)
        {
            await JourneyTracking.RecordAsync(db, scorer, campaignId, contactId, BehaviourKind.Clicked, url, clock.GetUtcNow(), cancellationToken);
        }

        return TypedResults.Redirect(target.AbsoluteUri);
    }

    /// <summary>"campaign|contact" or "campaign|contact|url" (a URL may itself contain '|').</summary>
    private static (Guid CampaignId, Guid ContactId, string? Url)? Ids(string payload)
    {
        var parts = payload.Split('|', 3);
        return parts.Length >= 2 && Guid.TryParse(parts[0], out var campaignId) && Guid.TryParse(parts[1], out var contactId)
            ? (campaignId, contactId, parts.Length == 3 ? parts[2] : null)
            : null;
    }

    private static ProblemHttpResult Tampered() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "This link is not valid.",
            detail: "The link was changed or is incomplete; use the link from the e-mail as it is.");
}
