using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.Validation;
using Crm.Support.Infrastructure;
using Crm.Support.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Crm.Support.Apis;

/// <summary>Business-hours calendars and SLA policies: read by support staff, changed by administrators only.</summary>
public static class SlaSettingsApi
{
    public static IEndpointRouteBuilder MapSlaSettingsApi(this IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup($"{SupportApi.Prefix}/calendars").WithTags("SLA");
        calendars.MapGet("/", ListCalendars).WithSummary("Every business-hours calendar.").RequireRoles(CrmRoles.Support);
        calendars.MapGet("/{id:guid}", GetCalendar).WithSummary("One calendar; the ETag header carries its version.").RequireRoles(CrmRoles.Support);
        calendars.MapPost("/", CreateCalendar)
            .WithValidation<CalendarRequest>()
            .WithSummary("Creates a calendar: time zone, working hours per weekday, holidays, or 24/7 (administrators only).")
            .RequireRoles(CrmRoles.Administrator);
        calendars.MapPut("/{id:guid}", UpdateCalendar)
            .WithValidation<CalendarRequest>()
            .WithSummary("Replaces a calendar (administrators only). Needs If-Match. Open tickets counted on it are re-planned on its new hours in the background (`replan`).")
            .RequireRoles(CrmRoles.Administrator);

        var policies = app.MapGroup($"{SupportApi.Prefix}/sla-policies").WithTags("SLA");
        policies.MapGet("/", ListPolicies).WithSummary("Every SLA policy, one per customer tier.").RequireRoles(CrmRoles.Support);
        policies.MapGet("/{id:guid}", GetPolicy).WithSummary("One SLA policy; the ETag header carries its version.").RequireRoles(CrmRoles.Support);
        policies.MapPost("/", CreatePolicy)
            .WithValidation<SlaPolicyRequest>()
            .WithSummary("Creates the SLA policy of a customer tier: targets per priority on a calendar (administrators only; 409 when the tier has one). The tier's open tickets are re-planned in the background (`replan`).")
            .RequireRoles(CrmRoles.Administrator);
        policies.MapPut("/{id:guid}", UpdatePolicy)
            .WithValidation<SlaPolicyRequest>()
            .WithSummary("Replaces an SLA policy (administrators only). Needs If-Match. Its open tickets are re-planned on the new targets in the background (`replan`).")
            .RequireRoles(CrmRoles.Administrator);

        var replans = app.MapGroup($"{SupportApi.Prefix}/sla-replans").WithTags("SLA").RequireRoles(CrmRoles.Administrator);
        replans.MapGet("/", ListReplans).WithSummary("The latest 50 re-plans of open tickets after calendar and policy changes, newest first (administrators only).");
        replans.MapGet("/{id:guid}", GetReplan).WithSummary("One re-plan: queued, running or completed, and how many tickets it has re-planned (administrators only).");
        return app;
    }

    public static async Task<Ok<List<CalendarResponse>>> ListCalendars(SupportDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.BusinessCalendars.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(cancellationToken))
            .Select(calendar => CalendarResponse.From(calendar)).ToList());

    public static async Task<Results<Ok<CalendarResponse>, NotFound>> GetCalendar(Guid id, SupportDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var calendar = await db.BusinessCalendars.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (calendar is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = ETags.From(calendar.Version);
        return TypedResults.Ok(CalendarResponse.From(calendar));
    }

    public static async Task<Created<CalendarResponse>> CreateCalendar(
        CalendarRequest request, SupportDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var calendar = new BusinessCalendar { Id = Guid.CreateVersion7(now), Name = "", TimeZoneId = "", CreatedAt = now, UpdatedAt = now };
        request.ApplyTo(calendar);
        db.BusinessCalendars.Add(calendar);
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.From(calendar.Version);
        return TypedResults.Created($"{SupportApi.Prefix}/calendars/{calendar.Id}", CalendarResponse.From(calendar));
    }

    public static async Task<Results<Ok<CalendarResponse>, ProblemHttpResult>> UpdateCalendar(
        Guid id, CalendarRequest request, SupportDbContext db, SlaPlanner planner, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        var calendar = await db.BusinessCalendars.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (calendar is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound);
        }

        request.ApplyTo(calendar);
        var now = clock.GetUtcNow();
        calendar.UpdatedAt = now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await SaveAsync(db, calendar, c => c.Version, expectedVersion, cancellationToken) is { } problem)
        {
            return problem;
        }

        // Open tickets counted on this calendar get due times (and timers) on its new hours, in the background.
        var replan = await planner.RequestReplanAsync(calendarId: id, policyId: null, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.From(calendar.Version);
        return TypedResults.Ok(CalendarResponse.From(calendar, replan));
    }

    public static async Task<Ok<List<SlaPolicyResponse>>> ListPolicies(SupportDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.SlaPolicies.AsNoTracking().OrderBy(p => p.Tier).ToListAsync(cancellationToken)).Select(policy => SlaPolicyResponse.From(policy)).ToList());

    public static async Task<Results<Ok<SlaPolicyResponse>, NotFound>> GetPolicy(Guid id, SupportDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var policy = await db.SlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (policy is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = ETags.From(policy.Version);
        return TypedResults.Ok(SlaPolicyResponse.From(policy));
    }

    public static async Task<Results<Created<SlaPolicyResponse>, ValidationProblem, ProblemHttpResult>> CreatePolicy(
        SlaPolicyRequest request, SupportDbContext db, SlaPlanner planner, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (await UnknownCalendarAsync(db, request.CalendarId!.Value, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var now = clock.GetUtcNow();
        var policy = new SlaPolicy { Id = Guid.CreateVersion7(now), Name = "", CreatedAt = now, UpdatedAt = now };
        request.ApplyTo(policy);
        db.SlaPolicies.Add(policy);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TierTaken(policy.Tier);
        }

        // The tier's open tickets leave the fallback (or having no targets) for the new policy, in the background.
        var replan = await planner.RequestReplanAsync(calendarId: null, policy.Id, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.From(policy.Version);
        return TypedResults.Created($"{SupportApi.Prefix}/sla-policies/{policy.Id}", SlaPolicyResponse.From(policy, replan));
    }

    public static async Task<Results<Ok<SlaPolicyResponse>, ValidationProblem, ProblemHttpResult>> UpdatePolicy(
        Guid id, SlaPolicyRequest request, SupportDbContext db, SlaPlanner planner, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (policy is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound);
        }

        if (await UnknownCalendarAsync(db, request.CalendarId!.Value, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        request.ApplyTo(policy);
        var now = clock.GetUtcNow();
        policy.UpdatedAt = now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (await SaveAsync(db, policy, p => p.Version, expectedVersion, cancellationToken) is { } problem)
            {
                return problem;
            }
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TierTaken(policy.Tier);
        }

        // Its open tickets take the new targets in the background; moved to another tier, it takes that tier's tickets
        // too and leaves the old tier's (planned on it) to the General fallback.
        var replan = await planner.RequestReplanAsync(calendarId: null, policy.Id, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.From(policy.Version);
        return TypedResults.Ok(SlaPolicyResponse.From(policy, replan));
    }

    public static async Task<Ok<List<SlaReplanResponse>>> ListReplans(SupportDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.SlaReplans.AsNoTracking().OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).Take(50)
            .ToListAsync(cancellationToken)).Select(SlaReplanResponse.From).ToList());

    public static async Task<Results<Ok<SlaReplanResponse>, NotFound>> GetReplan(Guid id, SupportDbContext db, CancellationToken cancellationToken) =>
        await db.SlaReplans.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } replan
            ? TypedResults.Ok(SlaReplanResponse.From(replan))
            : TypedResults.NotFound();

    private static async Task<ValidationProblem?> UnknownCalendarAsync(SupportDbContext db, Guid calendarId, CancellationToken cancellationToken) =>
        await db.BusinessCalendars.AnyAsync(c => c.Id == calendarId, cancellationToken)
            ? null
            : TicketProblems.Invalid("calendarId", $"There is no calendar {calendarId}.");

    private static ProblemHttpResult TierTaken(CustomerTier tier) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The tier has a policy.",
            detail: $"There is an SLA policy for {tier} customers already; change that one instead.");

    /// <summary>Saves against the version the client read, so a concurrent change makes this one a 412 instead of being overwritten.</summary>
    private static async Task<ProblemHttpResult?> SaveAsync<TEntity>(
        SupportDbContext db, TEntity entity, System.Linq.Expressions.Expression<Func<TEntity, uint>> version, uint expectedVersion,
        CancellationToken cancellationToken)
        where TEntity : class
    {
        db.Entry(entity).Property(version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }
    }
}
