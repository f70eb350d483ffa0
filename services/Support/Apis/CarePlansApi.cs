using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using Crm.Support.Infrastructure;
using Crm.Support.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Apis;

/// <summary>Care plans: scheduled proactive check-in tickets for customers of chosen tiers, set by administrators.</summary>
public static class CarePlansApi
{
    public static IEndpointRouteBuilder MapCarePlansApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup($"{SupportApi.Prefix}/care-plans").WithTags("Care plans");
        api.MapGet("/", ListPlans).WithSummary("Every care plan with its next round.").RequireRoles(CrmRoles.Support);
        api.MapPost("/", CreatePlan)
            .WithValidation<CarePlanRequest>()
            .WithSummary("Creates a care plan: tiers, cadence in days, team, ticket subject, first round (administrators only).")
            .RequireRoles(CrmRoles.Administrator);
        api.MapDelete("/{id:guid}", DeletePlan).WithSummary("Ends a care plan; no further rounds (administrators only).").RequireRoles(CrmRoles.Administrator);
        return app;
    }

    public static async Task<Ok<List<CarePlanResponse>>> ListPlans(SupportDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.CarePlans.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(cancellationToken))
            .Select(CarePlanResponse.From).ToList());

    public static async Task<Created<CarePlanResponse>> CreatePlan(
        CarePlanRequest request, SupportDbContext db, CarePlanRounds rounds, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var plan = new CarePlan
        {
            Id = Guid.CreateVersion7(now),
            Name = request.Name!.Trim(),
            Tiers = [.. request.Tiers!.Distinct().Order()],
            CadenceDays = request.CadenceDays!.Value,
            TeamId = request.TeamId,
            Subject = request.Subject!.Trim(),
            NextRunAt = request.StartsAt?.ToUniversalTime() ?? now,
            CreatedAt = now,
        };
        db.CarePlans.Add(plan);
        rounds.Schedule(plan, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{SupportApi.Prefix}/care-plans/{plan.Id}", CarePlanResponse.From(plan));
    }

    public static async Task<Results<NoContent, NotFound>> DeletePlan(Guid id, SupportDbContext db, CancellationToken cancellationToken) =>
        await db.CarePlans.Where(plan => plan.Id == id).ExecuteDeleteAsync(cancellationToken) == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
}
