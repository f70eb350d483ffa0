using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.Validation;
using Crm.Support.Infrastructure;
using Crm.Support.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Apis;

/// <summary>Automatic assignment: one rule per category, read by support staff, set by administrators.</summary>
public static class AssignmentRulesApi
{
    public static IEndpointRouteBuilder MapAssignmentRulesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup($"{SupportApi.Prefix}/assignment-rules").WithTags("Assignment rules");
        api.MapGet("/", ListRules).WithSummary("Every category's rule.").RequireRoles(CrmRoles.Support);
        api.MapGet("/{category}", GetRule)
            .WithSummary("One category's rule; the ETag header carries its version, which also moves as the rule assigns tickets.")
            .RequireRoles(CrmRoles.Support);
        api.MapPut("/{category}", SetRule)
            .WithValidation<AssignmentRuleRequest>()
            .WithSummary("Sets the category's rule: its team and how an agent is picked (administrators only). Replacing a rule needs If-Match.")
            .RequireRoles(CrmRoles.Administrator);
        api.MapDelete("/{category}", DeleteRule)
            .WithSummary("Removes the category's rule; its tickets land in their creator's team again (administrators only).")
            .RequireRoles(CrmRoles.Administrator);
        return app;
    }

    public static async Task<Ok<List<AssignmentRuleResponse>>> ListRules(SupportDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.AssignmentRules.AsNoTracking().OrderBy(rule => rule.Category).ToListAsync(cancellationToken))
            .Select(AssignmentRuleResponse.From).ToList());

    public static async Task<Results<Ok<AssignmentRuleResponse>, NotFound>> GetRule(
        string category, SupportDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var rule = await CategoryChecks.FindAsync(db, category, cancellationToken) is { } known
            ? await db.AssignmentRules.AsNoTracking().FirstOrDefaultAsync(r => r.Category == known.Key, cancellationToken)
            : null;
        if (rule is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = ETags.From(rule.Version);
        return TypedResults.Ok(AssignmentRuleResponse.From(rule));
    }

    public static async Task<Results<Ok<AssignmentRuleResponse>, Created<AssignmentRuleResponse>, ValidationProblem, ProblemHttpResult>> SetRule(
        string category, AssignmentRuleRequest request, SupportDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (await CategoryChecks.FindAsync(db, category, cancellationToken) is not { IsActive: true } known)
        {
            return TicketProblems.Invalid("category", $"'{category}' is not an active category; GET {SupportApi.Prefix}/categories lists them.");
        }

        var parsed = known.Key;
        var now = clock.GetUtcNow();
        var rule = await db.AssignmentRules.FirstOrDefaultAsync(r => r.Category == parsed, cancellationToken);
        if (rule is null)
        {
            rule = new AssignmentRule { Category = parsed, TeamId = request.TeamId!.Value, Strategy = request.Strategy!.Value, UpdatedAt = now };
            db.AssignmentRules.Add(rule);
            await db.SaveChangesAsync(cancellationToken);
            http.Response.Headers.ETag = ETags.From(rule.Version);
            return TypedResults.Created($"{SupportApi.Prefix}/assignment-rules/{parsed}", AssignmentRuleResponse.From(rule));
        }

        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        (rule.TeamId, rule.Strategy, rule.UpdatedAt) = (request.TeamId!.Value, request.Strategy!.Value, now);
        db.Entry(rule).Property(r => r.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }

        http.Response.Headers.ETag = ETags.From(rule.Version);
        return TypedResults.Ok(AssignmentRuleResponse.From(rule));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteRule(string category, SupportDbContext db, CancellationToken cancellationToken)
    {
        if (await CategoryChecks.FindAsync(db, category, cancellationToken) is not { } known)
        {
            return TypedResults.NotFound();
        }

        return await db.AssignmentRules.Where(rule => rule.Category == known.Key).ExecuteDeleteAsync(cancellationToken) == 0
            ? TypedResults.NotFound()
            : TypedResults.NoContent();
    }
}
