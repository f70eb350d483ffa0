using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
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
        api.MapDelete("/{id:guid}", RemoveRule)
            .RequireRoles(CrmRoles.Administrator)
            .WithSummary("Removes a rule (administrators only).");
        return sales;
    }

    public static async Task<Ok<List<LeadAssignmentRuleResponse>>> ListRules(SalesDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.LeadAssignmentRules.AsNoTracking().OrderBy(rule => rule.Position).ThenBy(rule => rule.Id)
            .Select(rule => new LeadAssignmentRuleResponse(rule.Id, rule.Position, rule.Name, rule.Region, rule.Source, rule.TeamId, rule.UserId))
            .ToListAsync(cancellationToken));

    public static async Task<Results<Created<LeadAssignmentRuleResponse>, ProblemHttpResult>> AddRule(
        LeadAssignmentRuleRequest request, SalesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.UserId is { } userId &&
            !await db.Users.AnyAsync(user => user.Id == userId && user.IsActive && user.Roles.Contains(CrmRoles.SalesRep), cancellationToken))
        {
            return SalesProblems.Invalid("userId", $"There is no active sales rep {userId}.");
        }

        var rule = new LeadAssignmentRule
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Position = request.Position!.Value,
            Name = request.Name!.Trim(),
            Region = LeadWrites.Clean(request.Region),
            Source = LeadWrites.Clean(request.Source),
            TeamId = request.TeamId,
            UserId = request.UserId,
        };
        db.LeadAssignmentRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{Path}/{rule.Id}",
            new LeadAssignmentRuleResponse(rule.Id, rule.Position, rule.Name, rule.Region, rule.Source, rule.TeamId, rule.UserId));
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

public sealed record LeadAssignmentRuleResponse(Guid Id, int Position, string Name, string? Region, string? Source, Guid? TeamId, Guid? UserId);

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
