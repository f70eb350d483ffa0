using Crm.Marketing.Extensions;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Marketing.Apis;

public static class CampaignsApi
{
    public const string Prefix = $"{MarketingApi.Prefix}/campaigns";

    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Campaigns").RequireRoles(CrmRoles.Marketing);

        api.MapPost("/", CreateCampaign)
            .WithValidation<CreateCampaignRequest>()
            .WithSummary("Creates a draft campaign: a template to a segment minus excluded segments, at a rate per minute.");
        api.MapGet("/{id:guid}", GetCampaign)
            .WithSummary("Reads a campaign with its progress (queued, sending, sent, failed, skipped for consent, unconfirmed); readable while sending. The ETag header carries its version.");
        api.MapPut("/{id:guid}", UpdateCampaign)
            .WithValidation<CreateCampaignRequest>()
            .WithSummary("Replaces a draft or scheduled campaign's name, template, segments, sender and rate. Needs If-Match (428 without, 412 when stale); 409 once it is sending or later.");
        api.MapGet("/{id:guid}/stats", GetCampaignStats)
            .WithSummary("Sent, delivered, failed, opened and clicked (distinct contacts), unsubscribed, bounced, leads produced, and opens, clicks and unsubscribes per day.");
        api.MapPost("/{id:guid}/send", SendCampaign)
            .WithSummary("Sends a draft now, or at scheduledAt. 409 unless the campaign is a draft.");
        api.MapPost("/{id:guid}/pause", PauseCampaign).WithSummary("Pauses a sending campaign after the mails in flight (one chunk per connection, one mail at rates up to 600 a minute). 409 unless sending.");
        api.MapPost("/{id:guid}/resume", ResumeCampaign).WithSummary("Resumes a paused campaign where it stopped. 409 unless paused.");
        api.MapPost("/{id:guid}/cancel", CancelCampaign)
            .WithSummary("Cancels a draft, scheduled, sending or paused campaign; whoever has not been mailed yet is skipped. 409 once completed or cancelled.");
        return app;
    }

    public static async Task<Results<Created<CampaignResponse>, ValidationProblem>> CreateCampaign(
        CreateCampaignRequest request, CurrentUser caller, MarketingDbContext db, IOptions<MarketingOptions> options, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (await UnknownReferenceAsync(db, request, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var now = clock.GetUtcNow();
        var campaign = new Campaign
        {
            Id = Guid.CreateVersion7(now),
            Name = request.Name!,
            TemplateId = request.TemplateId!.Value,
            SegmentId = request.SegmentId!.Value,
            ExcludedSegmentIds = [.. request.ExcludedSegmentIds ?? []],
            FromAddress = request.FromAddress ?? options.Value.DefaultFromAddress,
            FromName = request.FromName ?? options.Value.DefaultFromName,
            RatePerMinute = request.RatePerMinute ?? options.Value.DefaultRatePerMinute,
            Status = CampaignStatus.Draft,
            CreatedAt = now,
            CreatedBy = caller.UserId,
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.From(campaign.Version);
        return TypedResults.Created($"{Prefix}/{campaign.Id}", CampaignResponse.From(campaign, new CampaignProgress(0, 0, 0, 0, 0, 0, 0, 0)));
    }

    public static async Task<Results<Ok<CampaignResponse>, NotFound>> GetCampaign(Guid id, MarketingDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = ETags.From(campaign.Version);
        return TypedResults.Ok(CampaignResponse.From(campaign, await ProgressAsync(db, id, cancellationToken)));
    }

    public static async Task<Results<Ok<CampaignResponse>, NotFound, ProblemHttpResult, ValidationProblem>> UpdateCampaign(
        Guid id, CreateCampaignRequest request, MarketingDbContext db, IOptions<MarketingOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return TypedResults.NotFound();
        }

        if (campaign.Version != expectedVersion)
        {
            return Preconditions.Stale();
        }

        if (campaign.Status is not (CampaignStatus.Draft or CampaignStatus.Scheduled))
        {
            return NotEditable(campaign.Status);
        }

        if (await UnknownReferenceAsync(db, request, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        campaign.Name = request.Name!;
        campaign.TemplateId = request.TemplateId!.Value;
        campaign.SegmentId = request.SegmentId!.Value;
        campaign.ExcludedSegmentIds = [.. request.ExcludedSegmentIds ?? []];
        campaign.FromAddress = request.FromAddress ?? options.Value.DefaultFromAddress;
        campaign.FromName = request.FromName ?? options.Value.DefaultFromName;
        campaign.RatePerMinute = request.RatePerMinute ?? options.Value.DefaultRatePerMinute;
        db.Entry(campaign).Property(c => c.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The sender may have started a scheduled campaign since we read it: say so rather than "stale".
            var status = await db.Campaigns.AsNoTracking().Where(c => c.Id == id).Select(c => c.Status).FirstAsync(cancellationToken);
            return status is CampaignStatus.Draft or CampaignStatus.Scheduled ? Preconditions.Stale() : NotEditable(status);
        }

        http.Response.Headers.ETag = ETags.From(campaign.Version);
        return TypedResults.Ok(CampaignResponse.From(campaign, await ProgressAsync(db, id, cancellationToken)));
    }

    public static async Task<Results<Ok<CampaignStats>, NotFound>> GetCampaignStats(Guid id, MarketingDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var progress = await ProgressAsync(db, id, cancellationToken);
        var behaviours = db.Behaviours.AsNoTracking().Where(b => b.CampaignId == id);
        int opened = await behaviours.Where(b => b.Kind == BehaviourKind.Opened).Select(b => b.ContactId).Distinct().CountAsync(cancellationToken);
        int clicked = await behaviours.Where(b => b.Kind == BehaviourKind.Clicked).Select(b => b.ContactId).Distinct().CountAsync(cancellationToken);
        int unsubscribed = await behaviours.Where(b => b.Kind == BehaviourKind.Unsubscribed).Select(b => b.ContactId).Distinct().CountAsync(cancellationToken);
        var leads = await db.CampaignRecipients.AsNoTracking()
            .Where(r => r.CampaignId == id && r.Status == RecipientStatus.Sent)
            .Join(db.Customers, r => r.ContactId, c => c.Id, (r, c) => new { r.SentAt, c.HandedOffAt })
            .CountAsync(row => row.HandedOffAt != null && row.HandedOffAt >= row.SentAt, cancellationToken);
        var events = await behaviours
            .Where(b => b.Kind == BehaviourKind.Opened || b.Kind == BehaviourKind.Clicked || b.Kind == BehaviourKind.Unsubscribed)
            .Select(b => new { b.Kind, b.OccurredAt })
            .ToListAsync(cancellationToken);
        var daily = events
            .GroupBy(e => DateOnly.FromDateTime(e.OccurredAt.UtcDateTime))
            .OrderBy(day => day.Key)
            .Select(day => new CampaignDay(day.Key, day.Count(e => e.Kind == BehaviourKind.Opened), day.Count(e => e.Kind == BehaviourKind.Clicked),
                day.Count(e => e.Kind == BehaviourKind.Unsubscribed)))
            .ToList();
        var bounced = await db.Bounces.AsNoTracking().Where(b => b.CampaignId == id).Select(b => b.ContactId).Distinct().CountAsync(cancellationToken);
        var bouncedAfterDelivery = await db.Bounces.AsNoTracking().Where(b => b.CampaignId == id && b.Source != "Smtp")
            .Select(b => b.ContactId).Distinct().CountAsync(cancellationToken);
        return TypedResults.Ok(new CampaignStats(id, progress.Sent, progress.Sent - bouncedAfterDelivery, progress.Failed, opened, clicked, unsubscribed, bounced,
            leads, daily));
    }

    public static async Task<Results<Ok<CampaignResponse>, NotFound, ProblemHttpResult>> SendCampaign(
        Guid id, SendCampaignRequest? request, MarketingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var later = request?.ScheduledAt is { } at && at > now;
        return await TransitionAsync(db, id, [CampaignStatus.Draft], later ? CampaignStatus.Scheduled : CampaignStatus.Sending, set => later
            ? set.SetProperty(c => c.ScheduledAt, request!.ScheduledAt)
            : set.SetProperty(c => c.StartedAt, now), cancellationToken);
    }

    public static Task<Results<Ok<CampaignResponse>, NotFound, ProblemHttpResult>> PauseCampaign(Guid id, MarketingDbContext db, CancellationToken cancellationToken) =>
        TransitionAsync(db, id, [CampaignStatus.Sending], CampaignStatus.Paused, set => set, cancellationToken);

    public static Task<Results<Ok<CampaignResponse>, NotFound, ProblemHttpResult>> ResumeCampaign(Guid id, MarketingDbContext db, CancellationToken cancellationToken) =>
        TransitionAsync(db, id, [CampaignStatus.Paused], CampaignStatus.Sending, set => set, cancellationToken);

    public static async Task<Results<Ok<CampaignResponse>, NotFound, ProblemHttpResult>> CancelCampaign(
        Guid id, MarketingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var result = await TransitionAsync(db, id, [CampaignStatus.Draft, CampaignStatus.Scheduled, CampaignStatus.Sending, CampaignStatus.Paused],
            CampaignStatus.Cancelled, set => set.SetProperty(c => c.CompletedAt, now), cancellationToken);
        await db.CampaignRecipients
            .Where(r => r.CampaignId == id && r.Status == RecipientStatus.Queued)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, RecipientStatus.Skipped).SetProperty(r => r.Detail, "the campaign was cancelled"), cancellationToken);
        return result;
    }

    /// <summary>One conditional update, so two clicks or two replicas cannot both move the campaign.</summary>
    private static async Task<Results<Ok<CampaignResponse>, NotFound, ProblemHttpResult>> TransitionAsync(
        MarketingDbContext db, Guid id, CampaignStatus[] from, CampaignStatus to,
        Func<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Campaign>, Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Campaign>> more,
        CancellationToken cancellationToken)
    {
        var moved = await db.Campaigns
            .Where(c => c.Id == id && from.Contains(c.Status))
            .ExecuteUpdateAsync(set => more(set.SetProperty(c => c.Status, to)), cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return TypedResults.NotFound();
        }

        if (moved == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"A {campaign.Status} campaign cannot become {to}.",
                detail: $"Only a campaign that is {string.Join(" or ", from)} can become {to}.");
        }

        return TypedResults.Ok(CampaignResponse.From(campaign, await ProgressAsync(db, id, cancellationToken)));
    }

    private static async Task<CampaignProgress> ProgressAsync(MarketingDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var counts = await db.CampaignRecipients.AsNoTracking()
            .Where(r => r.CampaignId == id)
            .GroupBy(r => r.Status)
            .Select(group => new { Status = group.Key, Count = group.Count() })
            .ToDictionaryAsync(row => row.Status, row => row.Count, cancellationToken);
        int Of(RecipientStatus status) => counts.GetValueOrDefault(status);
        return new CampaignProgress(counts.Values.Sum(), Of(RecipientStatus.Queued), Of(RecipientStatus.Sending), Of(RecipientStatus.Sent),
            Of(RecipientStatus.Failed), Of(RecipientStatus.Skipped), Of(RecipientStatus.Unconfirmed), Of(RecipientStatus.Bounced));
    }

    private static async Task<ValidationProblem?> UnknownReferenceAsync(MarketingDbContext db, CreateCampaignRequest request, CancellationToken cancellationToken)
    {
        if (!await db.Templates.AnyAsync(t => t.Id == request.TemplateId, cancellationToken))
        {
            return Invalid("templateId", $"There is no template {request.TemplateId}.");
        }

        var segmentIds = (request.ExcludedSegmentIds ?? []).Append(request.SegmentId!.Value).Distinct().ToList();
        if (await db.Segments.CountAsync(s => segmentIds.Contains(s.Id), cancellationToken) != segmentIds.Count)
        {
            return await db.Segments.AnyAsync(s => s.Id == request.SegmentId, cancellationToken)
                ? Invalid("excludedSegmentIds", "Every excluded segment must exist.")
                : Invalid("segmentId", $"There is no segment {request.SegmentId}.");
        }

        return null;
    }

    private static ProblemHttpResult NotEditable(CampaignStatus status) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"A {status} campaign cannot be edited.",
            detail: "Only a Draft or Scheduled campaign can be changed; once sending has started its recipients and mail are fixed.");

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
