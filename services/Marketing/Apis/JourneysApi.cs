using Crm.BuildingBlocks.Persistence;
using Crm.Marketing.Extensions;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Journeys;
using Crm.Marketing.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.Paging;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Marketing.Apis;

public static class JourneysApi
{
    public const string Prefix = $"{MarketingApi.Prefix}/journeys";

    public static IEndpointRouteBuilder MapJourneysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Journeys").RequireRoles(CrmRoles.Marketing);

        api.MapGet("/", ListJourneys)
            .WithValidation<ListJourneysQuery>()
            .WithSummary("Lists journeys, newest first by default: status filter, sort (createdAt, name, updatedAt; - for descending), keyset paging (pass nextCursor back as cursor), with the total.");
        api.MapPost("/", CreateJourney)
            .WithValidation<JourneyRequest>()
            .WithSummary("Creates a draft journey: a trigger and steps (Email, Wait, Branch on opened/clicked/neither). 400 names the step and field.");
        api.MapGet("/{id:guid}", GetJourney).WithSummary("Reads a journey; the ETag header carries its version.");
        api.MapPut("/{id:guid}", UpdateJourney)
            .WithValidation<JourneyRequest>()
            .WithSummary("Replaces a journey's name, trigger, steps and sender. Needs If-Match (428/412). 409 when the new steps would strand people already on the journey, or when archived.");
        api.MapPost("/{id:guid}/activate", ActivateJourney).WithSummary("Starts enrolling and moving people (from Draft or Paused). 409 otherwise.");
        api.MapPost("/{id:guid}/pause", PauseJourney).WithSummary("Stops enrolling and moving people; everyone keeps their place. 409 unless active.");
        api.MapPost("/{id:guid}/archive", ArchiveJourney).WithSummary("Ends the journey for good; whoever is still on it exits. 409 when already archived.");
        api.MapGet("/{id:guid}/enrolments", ListEnrolments)
            .WithValidation<JourneyEnrolmentsQuery>()
            .WithSummary("The people on a journey in the order they entered, each with status, next step (index and kind), when it is due and why they left; status filter, cursor paging, total.");
        api.MapGet("/{id:guid}/stats", GetJourneyStats)
            .WithSummary("Enrolled, active, completed and exited people; mails sent, failed, skipped (frequency cap) and unconfirmed; distinct opens and clicks; active people per step.");
        return app;
    }

    public static async Task<Ok<JourneyPage>> ListJourneys([AsParameters] ListJourneysQuery query, MarketingDbContext db, CancellationToken cancellationToken)
    {
        Cursor.TryDecode(query.Cursor, query.SortOrDefault, out var after);
        var status = query.Status;
        var filtered = db.Journeys.AsNoTracking().Where(journey => status == null || journey.Status == status);
        var rows = await filtered.Page(query.SortOrDefault, after).Take(query.PageSizeOrDefault + 1).ToListAsync(cancellationToken);
        var page = rows.Take(query.PageSizeOrDefault).ToList();
        var next = rows.Count > page.Count ? JourneyQueries.CursorAfter(page[^1], query.SortOrDefault).Encode() : null;
        return TypedResults.Ok(new JourneyPage(
            [.. page.Select(JourneyResponse.From)], query.PageSizeOrDefault, next, await filtered.LongCountAsync(cancellationToken)));
    }

    public static async Task<Results<Created<JourneyResponse>, ValidationProblem>> CreateJourney(
        JourneyRequest request, CurrentUser caller, MarketingDbContext db, IOptions<MarketingOptions> options, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (await UnknownReferenceAsync(db, request, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var now = clock.GetUtcNow();
        var journey = new Journey
        {
            Id = Guid.CreateVersion7(now),
            Name = "",
            Status = JourneyStatus.Draft,
            FromAddress = "",
            FromName = "",
            CreatedAt = now,
            CreatedBy = caller.UserId,
        };
        Apply(journey, request, options.Value, now);
        db.Journeys.Add(journey);
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.From(journey.Version);
        return TypedResults.Created($"{Prefix}/{journey.Id}", JourneyResponse.From(journey));
    }

    public static async Task<Results<Ok<JourneyResponse>, NotFound>> GetJourney(Guid id, MarketingDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var journey = await db.Journeys.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (journey is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = ETags.From(journey.Version);
        return TypedResults.Ok(JourneyResponse.From(journey));
    }

    public static async Task<Results<Ok<JourneyResponse>, NotFound, ProblemHttpResult, ValidationProblem>> UpdateJourney(
        Guid id, JourneyRequest request, MarketingDbContext db, IOptions<MarketingOptions> options, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        var journey = await db.Journeys.FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (journey is null)
        {
            return TypedResults.NotFound();
        }

        if (journey.Version != expectedVersion)
        {
            return Preconditions.Stale();
        }

        if (journey.Status == JourneyStatus.Archived)
        {
            return Conflict("An archived journey cannot be edited.", "Create a new journey instead.");
        }

        if (await UnknownReferenceAsync(db, request, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var occupied = await db.JourneyEnrolments
            .Where(e => e.JourneyId == id && e.Status == EnrolmentStatus.Active)
            .Select(e => e.StepIndex).Distinct().ToListAsync(cancellationToken);
        if (JourneyPlan.Strands(journey.Plan, request.Steps!, occupied) is { } stranded)
        {
            return Conflict("This change would strand people on the journey.", stranded);
        }

        Apply(journey, request, options.Value, clock.GetUtcNow());
        db.Entry(journey).Property(j => j.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }

        http.Response.Headers.ETag = ETags.From(journey.Version);
        return TypedResults.Ok(JourneyResponse.From(journey));
    }

    public static Task<Results<Ok<JourneyResponse>, NotFound, ProblemHttpResult>> ActivateJourney(
        Guid id, MarketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        TransitionAsync(db, id, [JourneyStatus.Draft, JourneyStatus.Paused], JourneyStatus.Active, clock, http, cancellationToken);

    public static Task<Results<Ok<JourneyResponse>, NotFound, ProblemHttpResult>> PauseJourney(
        Guid id, MarketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        TransitionAsync(db, id, [JourneyStatus.Active], JourneyStatus.Paused, clock, http, cancellationToken);

    public static async Task<Results<Ok<JourneyResponse>, NotFound, ProblemHttpResult>> ArchiveJourney(
        Guid id, MarketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await TransitionAsync(db, id, [JourneyStatus.Draft, JourneyStatus.Active, JourneyStatus.Paused], JourneyStatus.Archived, clock, http,
            cancellationToken);
        if (result.Result is Ok<JourneyResponse>)
        {
            var now = clock.GetUtcNow();
            await db.JourneyEnrolments
                .Where(e => e.JourneyId == id && e.Status == EnrolmentStatus.Active)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(e => e.Status, EnrolmentStatus.Exited)
                    .SetProperty(e => e.ExitReason, "the journey was archived")
                    .SetProperty(e => e.EndedAt, now), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public static async Task<Results<Ok<JourneyEnrolmentPage>, NotFound>> ListEnrolments(
        Guid id, [AsParameters] JourneyEnrolmentsQuery query, MarketingDbContext db, CancellationToken cancellationToken)
    {
        var journey = await db.Journeys.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (journey is null)
        {
            return TypedResults.NotFound();
        }

        Cursor.TryDecode(query.Cursor, JourneyEnrolmentsQuery.Sort, out var after);
        var status = query.Status;
        var filtered = db.JourneyEnrolments.AsNoTracking().Where(e => e.JourneyId == id && (status == null || e.Status == status));
        var rows = await filtered
            .OrderAfter(e => e.EnrolledAt, e => e.ContactId, descending: false, after, Keyset.ParseTimeKey)
            .Take(query.PageSizeOrDefault + 1)
            .Join(db.Customers, e => e.ContactId, contact => contact.Id, (e, contact) => new { Enrolment = e, contact.Name, contact.Email })
            .ToListAsync(cancellationToken);
        var plan = journey.Plan;
        var page = rows.Take(query.PageSizeOrDefault).Select(row => new JourneyEnrolmentEntry(
            row.Enrolment.ContactId, row.Name, row.Email, row.Enrolment.Status, row.Enrolment.StepIndex,
            row.Enrolment.StepIndex < plan.Count ? plan[row.Enrolment.StepIndex].Kind : null,
            row.Enrolment.Status == EnrolmentStatus.Active ? row.Enrolment.DueAt : null,
            row.Enrolment.EnrolledAt, row.Enrolment.EndedAt, row.Enrolment.ExitReason)).ToList();
        var next = rows.Count > page.Count
            ? new Cursor(JourneyEnrolmentsQuery.Sort, Keyset.TimeKey(page[^1].EnrolledAt), page[^1].ContactId.ToString()).Encode()
            : null;
        return TypedResults.Ok(new JourneyEnrolmentPage(page, query.PageSizeOrDefault, next, await filtered.LongCountAsync(cancellationToken)));
    }

    public static async Task<Results<Ok<JourneyStats>, NotFound>> GetJourneyStats(Guid id, MarketingDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Journeys.AnyAsync(j => j.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var people = await db.JourneyEnrolments.AsNoTracking()
            .Where(e => e.JourneyId == id)
            .GroupBy(e => e.Status)
            .Select(group => new { Status = group.Key, Count = group.Count() })
            .ToDictionaryAsync(row => row.Status, row => row.Count, cancellationToken);
        var mails = await db.JourneyMessages.AsNoTracking()
            .Where(m => m.JourneyId == id)
            .GroupBy(m => m.Status)
            .Select(group => new { Status = group.Key, Count = group.Count() })
            .ToDictionaryAsync(row => row.Status, row => row.Count, cancellationToken);
        var opened = await db.JourneyMessages.Where(m => m.JourneyId == id && m.OpenedAt != null).Select(m => m.ContactId).Distinct().CountAsync(cancellationToken);
        var clicked = await db.JourneyMessages.Where(m => m.JourneyId == id && m.ClickedAt != null).Select(m => m.ContactId).Distinct().CountAsync(cancellationToken);
        var waiting = await db.JourneyEnrolments.AsNoTracking()
            .Where(e => e.JourneyId == id && e.Status == EnrolmentStatus.Active)
            .GroupBy(e => e.StepIndex)
            .Select(group => new { Step = group.Key, Count = group.Count() })
            .ToDictionaryAsync(row => row.Step, row => row.Count, cancellationToken);
        return TypedResults.Ok(new JourneyStats(id, people.Values.Sum(), people.GetValueOrDefault(EnrolmentStatus.Active),
            people.GetValueOrDefault(EnrolmentStatus.Completed), people.GetValueOrDefault(EnrolmentStatus.Exited),
            mails.GetValueOrDefault(RecipientStatus.Sent), mails.GetValueOrDefault(RecipientStatus.Failed), mails.GetValueOrDefault(RecipientStatus.Skipped),
            mails.GetValueOrDefault(RecipientStatus.Unconfirmed), opened, clicked, waiting));
    }

    /// <summary>One conditional update, so two clicks or two replicas cannot both move the journey.</summary>
    private static async Task<Results<Ok<JourneyResponse>, NotFound, ProblemHttpResult>> TransitionAsync(
        MarketingDbContext db, Guid id, JourneyStatus[] from, JourneyStatus to, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var moved = await db.Journeys
            .Where(j => j.Id == id && from.Contains(j.Status))
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.Status, to).SetProperty(j => j.UpdatedAt, now), cancellationToken);
        var journey = await db.Journeys.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (journey is null)
        {
            return TypedResults.NotFound();
        }

        if (moved == 0)
        {
            return Conflict($"A {journey.Status} journey cannot become {to}.", $"Only a journey that is {string.Join(" or ", from)} can become {to}.");
        }

        http.Response.Headers.ETag = ETags.From(journey.Version);
        return TypedResults.Ok(JourneyResponse.From(journey));
    }

    private static void Apply(Journey journey, JourneyRequest request, MarketingOptions options, DateTimeOffset now)
    {
        journey.Name = request.Name!;
        journey.Trigger = request.Trigger!.Value;
        journey.TriggerSegmentId = request.Trigger == JourneyTrigger.SegmentEntered ? request.TriggerSegmentId : null;
        journey.TriggerMatch = request.Trigger is JourneyTrigger.SegmentEntered or JourneyTrigger.CustomerRegistered ? null : request.TriggerMatch;
        journey.TriggerValue = request.Trigger == JourneyTrigger.SurveyAnswered ? request.TriggerValue : null;
        journey.SetPlan(request.Steps!);
        journey.FromAddress = request.FromAddress ?? options.DefaultFromAddress;
        journey.FromName = request.FromName ?? options.DefaultFromName;
        journey.UpdatedAt = now;
    }

    private static async Task<ValidationProblem?> UnknownReferenceAsync(MarketingDbContext db, JourneyRequest request, CancellationToken cancellationToken)
    {
        if (request.Trigger == JourneyTrigger.SegmentEntered && !await db.Segments.AnyAsync(s => s.Id == request.TriggerSegmentId, cancellationToken))
        {
            return Invalid("triggerSegmentId", $"There is no segment {request.TriggerSegmentId}.");
        }

        var templateIds = request.Steps!.Where(s => s.TemplateId is not null).Select(s => s.TemplateId!.Value).Distinct().ToList();
        var known = await db.Templates.Where(t => templateIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        for (var index = 0; index < request.Steps!.Count; index++)
        {
            if (request.Steps[index].TemplateId is { } templateId && !known.Contains(templateId))
            {
                return Invalid($"steps[{index}].templateId", $"There is no template {templateId}.");
            }
        }

        return null;
    }

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
