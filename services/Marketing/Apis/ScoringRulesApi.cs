using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Apis;

/// <summary>Lead scoring rules are policy: administrators define them, marketers read them.</summary>
public static class ScoringRulesApi
{
    public const string Prefix = $"{MarketingApi.Prefix}/scoring-rules";
    private const int MaxRules = 200;

    public static IEndpointRouteBuilder MapScoringRulesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Lead scoring");

        api.MapGet("/", ListRules).WithSummary("Every scoring rule.").RequireRoles(CrmRoles.Marketing);
        api.MapPost("/", CreateRule)
            .WithValidation<ScoringRuleRequest>()
            .WithSummary("Adds a rule: points for a behaviour (decaying with age) or a profile value. Applies from the contact's next behaviour on.")
            .RequireRoles(CrmRoles.Administrator);
        api.MapDelete("/{id:guid}", DeleteRule).WithSummary("Removes a rule.").RequireRoles(CrmRoles.Administrator);
        return app;
    }

    public static async Task<Ok<List<ScoringRule>>> ListRules(MarketingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.ScoringRules.AsNoTracking().OrderBy(rule => rule.CreatedAt).Take(MaxRules).ToListAsync(cancellationToken));

    public static async Task<Results<Created<ScoringRule>, ProblemHttpResult>> CreateRule(
        ScoringRuleRequest request, MarketingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.ScoringRules.CountAsync(cancellationToken) >= MaxRules)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"There are already {MaxRules} scoring rules.",
                detail: "Remove a rule before adding another.");
        }

        var now = clock.GetUtcNow();
        var rule = new ScoringRule
        {
            Id = Guid.CreateVersion7(now),
            Name = request.Name!,
            Kind = request.Kind!,
            Match = string.IsNullOrEmpty(request.Match) ? null : request.Match,
            Value = string.IsNullOrEmpty(request.Value) ? null : request.Value,
            Points = request.Points!.Value,
            CreatedAt = now,
        };
        db.ScoringRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{Prefix}/{rule.Id}", rule);
    }

    public static async Task<Results<NoContent, NotFound>> DeleteRule(Guid id, MarketingDbContext db, CancellationToken cancellationToken) =>
        await db.ScoringRules.Where(rule => rule.Id == id).ExecuteDeleteAsync(cancellationToken) == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
}
