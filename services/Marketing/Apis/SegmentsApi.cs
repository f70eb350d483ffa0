using Crm.BuildingBlocks.Persistence;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.Marketing.Model.Segments;
using Crm.Marketing.Segments;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.Paging;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Apis;

public static class SegmentsApi
{
    public const string Prefix = $"{MarketingApi.Prefix}/segments";
    private const int SampleSize = 10;

    public static IEndpointRouteBuilder MapSegmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Segments").RequireRoles(CrmRoles.Marketing);

        api.MapPost("/preview", PreviewSegment)
            .WithSummary("Counts who the rules select now and shows up to ten of them, without saving. A bad rule is a 400 naming its path (rules.and[1].days).");
        api.MapPost("/", CreateSegment)
            .WithSummary("Saves a segment and computes its membership (ContactEnteredSegment per member). A bad rule is a 400 naming its path.");
        api.MapGet("/{id:guid}", GetSegment).WithSummary("Reads a segment, its rules and member count; the ETag header carries its version.");
        api.MapPut("/{id:guid}", UpdateSegment)
            .WithSummary("Replaces name and rules (If-Match required: 428 without, 412 when stale) and recomputes the membership, announcing who entered and left.");
        api.MapPost("/{id:guid}/evaluate", EvaluateSegment)
            .WithSummary("Recomputes the membership from the rules against every contact now, set-wise in the database; answers the count, who entered and left, and a sample.");
        api.MapGet("/{id:guid}/members", ListMembers)
            .WithValidation<SegmentMembersQuery>()
            .WithSummary("The segment's live members in the order they entered, a page at a time (cursor), with the total.");
        return app;
    }

    public static async Task<Results<Ok<SegmentPreview>, ValidationProblem>> PreviewSegment(
        SegmentRequest request, MarketingDbContext db, LiveSegments live, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var rule = SegmentRuleParser.Parse(request.Rules, "rules", errors);
        if (rule is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await live.PlanForAllContactsAsync(cancellationToken);
        var matching = live.Matching(rule, clock.GetUtcNow());
        var count = await matching.CountAsync(cancellationToken);
        var mailable = await live.Mailable(matching).CountAsync(cancellationToken);
        var sample = await matching.OrderBy(contact => contact.Id).Take(SampleSize)
            .Select(contact => new SegmentMember(contact.Id, contact.Name, contact.Email)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new SegmentPreview(count, mailable, sample));
    }

    public static async Task<Results<Created<SegmentResponse>, ValidationProblem>> CreateSegment(
        SegmentRequest request, MarketingDbContext db, LiveSegments live, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        var segment = new Segment
        {
            Id = Guid.CreateVersion7(now), Name = request.Name!.Trim(), Rules = request.Rules!.ToJsonString(), CreatedAt = now, UpdatedAt = now, Version = 1,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Segments.Add(segment);
        await db.SaveChangesAsync(cancellationToken);
        var (entered, _) = await live.EvaluateAsync(segment, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.From(segment.Version);
        return TypedResults.Created($"{Prefix}/{segment.Id}", SegmentResponse.From(segment, entered, await MailableCountAsync(db, live, segment.Id, cancellationToken)));
    }

    public static async Task<Results<Ok<SegmentResponse>, NotFound>> GetSegment(
        Guid id, MarketingDbContext db, LiveSegments live, HttpContext http, CancellationToken cancellationToken)
    {
        var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (segment is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = ETags.From(segment.Version);
        return TypedResults.Ok(SegmentResponse.From(segment, await CountAsync(db, id, cancellationToken), await MailableCountAsync(db, live, id, cancellationToken)));
    }

    public static async Task<Results<Ok<SegmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateSegment(
        Guid id, SegmentRequest request, MarketingDbContext db, LiveSegments live, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked for the whole change: a concurrent edit or evaluation of the same segment waits instead of interleaving.
        // NO KEY: a contact entering the segment meanwhile (its foreign-key check, under the segment's event lock that the
        // evaluation takes next) is not blocked, so the two cannot deadlock.
        var segment = await db.Segments.FromSql($"SELECT * FROM segments WHERE id = {id} FOR NO KEY UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (segment is null)
        {
            return TypedResults.NotFound();
        }

        if (segment.Version != expectedVersion)
        {
            return Preconditions.Stale();
        }

        segment.Name = request.Name!.Trim();
        segment.Rules = request.Rules!.ToJsonString();
        segment.UpdatedAt = clock.GetUtcNow();
        segment.Version++;
        await db.SaveChangesAsync(cancellationToken);
        await live.EvaluateAsync(segment, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.From(segment.Version);
        return TypedResults.Ok(SegmentResponse.From(segment, await CountAsync(db, id, cancellationToken), await MailableCountAsync(db, live, id, cancellationToken)));
    }

    public static async Task<Results<Ok<SegmentEvaluation>, NotFound>> EvaluateSegment(
        Guid id, MarketingDbContext db, LiveSegments live, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var segment = await db.Segments.FromSql($"SELECT * FROM segments WHERE id = {id} FOR NO KEY UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (segment is null)
        {
            return TypedResults.NotFound();
        }

        var (entered, left) = await live.EvaluateAsync(segment, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var sample = await Members(db, id).OrderBy(member => member.Id).Take(SampleSize)
            .Select(member => new SegmentMember(member.Id, member.Name, member.Email)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new SegmentEvaluation(
            await CountAsync(db, id, cancellationToken), await MailableCountAsync(db, live, id, cancellationToken), entered, left, sample));
    }

    public static async Task<Results<Ok<SegmentMembersPage>, NotFound>> ListMembers(
        Guid id, [AsParameters] SegmentMembersQuery query, MarketingDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Segments.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        Cursor.TryDecode(query.Cursor, SegmentMembersQuery.Sort, out var cursor);
        var size = query.PageSize ?? PagingLimits.DefaultPageSize;
        var rows = await db.SegmentMembers.AsNoTracking().Where(member => member.SegmentId == id)
            .OrderAfter(member => member.EnteredAt, member => member.ContactId, descending: false, cursor,
                Keyset.ParseTimeKey)
            .Take(size + 1)
            .Join(db.Customers, member => member.ContactId, contact => contact.Id,
                (member, contact) => new SegmentMemberEntry(contact.Id, contact.Name, contact.Email, member.EnteredAt))
            .ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size
            ? new Cursor(SegmentMembersQuery.Sort, Keyset.TimeKey(page[^1].EnteredAt), page[^1].Id.ToString()).Encode()
            : null;
        return TypedResults.Ok(new SegmentMembersPage(page, size, next, await CountAsync(db, id, cancellationToken)));
    }

    private static ValidationProblem? Validate(SegmentRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors["name"] = ["Give a name of 1 to 200 characters."];
        }

        return SegmentRuleParser.Parse(request.Rules, "rules", errors) is null || errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static IQueryable<Customer> Members(MarketingDbContext db, Guid segmentId) =>
        db.Customers.AsNoTracking().Where(contact => db.SegmentMembers.Any(member => member.SegmentId == segmentId && member.ContactId == contact.Id));

    private static Task<int> MailableCountAsync(MarketingDbContext db, LiveSegments live, Guid segmentId, CancellationToken cancellationToken) =>
        live.Mailable(Members(db, segmentId)).CountAsync(cancellationToken);

    private static Task<int> CountAsync(MarketingDbContext db, Guid segmentId, CancellationToken cancellationToken) =>
        db.SegmentMembers.CountAsync(member => member.SegmentId == segmentId, cancellationToken);
}
