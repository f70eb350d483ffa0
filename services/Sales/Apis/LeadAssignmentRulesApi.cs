using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Apis;

/// <summary>Who gets a new lead nobody named an owner for: the administrator's ordered rules.</summary>
public static class LeadAssignmentRulesApi
{
    public const string Path = $"{SalesApi.Prefix}/lead-assignment-rules";

    public static RouteGroupBuilder MapLeadAssignmentRulesApi(this RouteGroupBuilder sales)
    {
        var api = sales.MapGroup("/lead-assignment-rules").WithTags("Lead assignment rules");
        api.MapGet("/", ListRules).WithSummary("The rules in the order they are tried.");
        api.MapPost("/", AddRule)
            .WithValidation<LeadAssignmentRuleRequest>()
            .RequireRoles(CrmRoles.Administrator)
            .WithSummary("Adds a rule (administrators only): region and/or source to match, and one rep or a team whose active reps take turns.");
        api.MapGet("/{id:guid}", GetRule).WithSummary("Reads one rule; the ETag header carries its version.");
        api.MapPut("/{id:guid}", UpdateRule)
            .WithValidation<LeadAssignmentRuleRequest>()
            .RequireRoles(CrmRoles.Administrator)
            .WithSummary("Replaces a rule (administrators only). Needs If-Match: 428 without it, 412 when stale. A new team starts its turns afresh.");
        api.MapDelete("/{id:guid}", RemoveRule)
            .RequireRoles(CrmRoles.Administrator)
            .WithSummary("Removes a rule (administrators only).");
        return sales;
    }

    public static async Task<Ok<List<LeadAssignmentRuleResponse>>> ListRules(SalesDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.LeadAssignmentRules.AsNoTracking().OrderBy(rule => rule.Position).ThenBy(rule => rule.Id)
            .Select(rule => new LeadAssignmentRuleResponse(rule.Id, rule.Position, rule.Name, rule.Region, rule.Source, rule.TeamId, rule.UserId))
            .ToListAsync(cancellationToken));

    public static async Task<Results<Ok<LeadAssignmentRuleResponse>, NotFound>> GetRule(
        Guid id, SalesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var rule = await db.LeadAssignmentRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = ETags.From(rule.Version);
        return TypedResults.Ok(LeadAssignmentRuleResponse.From(rule));
    }

    public static async Task<Results<Created<LeadAssignmentRuleResponse>, ProblemHttpResult>> AddRule(
        LeadAssignmentRuleRequest request, SalesDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (await CheckRepAsync(db, request, cancellationToken) is { } problem)
        {
            return problem;
        }

        var rule = new LeadAssignmentRule { Id = Guid.CreateVersion7(clock.GetUtcNow()), Name = "" };
        rule.Apply(request);
        db.LeadAssignmentRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.From(rule.Version);
        return TypedResults.Created($"{Path}/{rule.Id}", LeadAssignmentRuleResponse.From(rule));
    }

    public static async Task<Results<Ok<LeadAssignmentRuleResponse>, NotFound, ProblemHttpResult>> UpdateRule(
        Guid id, LeadAssignmentRuleRequest request, SalesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        var rule = await db.LeadAssignmentRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return TypedResults.NotFound();
        }

        if (rule.Version != expectedVersion)
        {
            return Preconditions.Stale();
        }

        if (await CheckRepAsync(db, request, cancellationToken) is { } problem)
        {
            return problem;
        }

        // The round-robin turn belongs to the team: another team (or a single rep) starts from its first member.
        if (rule.TeamId != request.TeamId && await db.LeadAssignmentTurns.FindAsync([id], cancellationToken) is { } turn)
        {
            db.LeadAssignmentTurns.Remove(turn);
        }

        rule.Apply(request);
        // The version the administrator read: a save racing this one makes it fail instead of overwrite.
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
        return TypedResults.Ok(LeadAssignmentRuleResponse.From(rule));
    }

    private static async Task<ProblemHttpResult?> CheckRepAsync(SalesDbContext db, LeadAssignmentRuleRequest request, CancellationToken cancellationToken) =>
        request.UserId is { } userId &&
        !await db.Users.AnyAsync(user => user.Id == userId && user.IsActive && user.Roles.Contains(CrmRoles.SalesRep), cancellationToken)
            ? SalesProblems.Invalid("userId", $"There is no active sales rep {userId}.")
            : null;

    private static void Apply(this LeadAssignmentRule rule, LeadAssignmentRuleRequest request)
    {
        rule.Position = request.Position!.Value;
        rule.Name = request.Name!.Trim();
        rule.Region = LeadWrites.Clean(request.Region);
        rule.Source = LeadWrites.Clean(request.Source);
        rule.TeamId = request.TeamId;
        rule.UserId = request.UserId;
    }

    public static async Task<Results<NoContent, NotFound>> RemoveRule(Guid id, SalesDbContext db, CancellationToken cancellationToken) =>
        await db.LeadAssignmentRules.Where(rule => rule.Id == id).ExecuteDeleteAsync(cancellationToken) == 0
            ? TypedResults.NotFound()
            : TypedResults.NoContent();
}

/// <param name="Position">Rules are tried from the lowest position; the first that yields an active rep wins.</param>
/// <param name="Region">Matches leads of this region (any when left out).</param>
/// <param name="Source">Matches leads of this source (any when left out).</param>
/// <param name="TeamId">Round-robin over the team's active sales reps; give this or <paramref name="UserId"/>.</param>
/// <param name="UserId">This rep, while active; give this or <paramref name="TeamId"/>.</param>
public sealed record LeadAssignmentRuleRequest(int? Position, string? Name, string? Region, string? Source, Guid? TeamId, Guid? UserId);

public sealed record LeadAssignmentRuleResponse(Guid Id, int Position, string Name, string? Region, string? Source, Guid? TeamId, Guid? UserId)
{
    public static LeadAssignmentRuleResponse From(LeadAssignmentRule rule) =>
        new(rule.Id, rule.Position, rule.Name, rule.Region, rule.Source, rule.TeamId, rule.UserId);
}

public sealed class LeadAssignmentRuleRequestValidator : AbstractValidator<LeadAssignmentRuleRequest>
{
    public LeadAssignmentRuleRequestValidator()
    {
        RuleFor(request => request.Position).NotNull().InclusiveBetween(0, 10_000);
        RuleFor(request => request.Name).NotEmpty().MaximumLength(100);
        RuleFor(request => request.Region).MaximumLength(100);
        RuleFor(request => request.Source).MaximumLength(100);
        RuleFor(request => request.TeamId).NotEqual(Guid.Empty)
            .Must((request, team) => (team is null) != (request.UserId is null))
            .WithMessage("Give either 'teamId' (round-robin in the team) or 'userId' (one rep), not both.");
        RuleFor(request => request.UserId).NotEqual(Guid.Empty);
    }
}
