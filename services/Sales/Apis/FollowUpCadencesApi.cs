using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Apis;

/// <summary>The administrator's follow-up rhythm per customer tier.</summary>
public static class FollowUpCadencesApi
{
    public static readonly string[] Tiers = ["HighValue", "Potential", "General"];

    public static RouteGroupBuilder MapFollowUpCadencesApi(this RouteGroupBuilder sales)
    {
        var api = sales.MapGroup("/follow-up-cadences").WithTags("Follow-ups");
        api.MapGet("/", ListCadences).WithSummary("Days between follow-ups for each customer tier.");
        api.MapPut("/{tier}", SetCadence)
            .WithValidation<CadenceRequest>()
            .RequireRoles(CrmRoles.Administrator)
            .WithSummary("Sets a tier's interval (administrators only); the open follow-ups of that tier are re-planned at once.");
        return sales;
    }

    public static async Task<Ok<List<FollowUpCadence>>> ListCadences(SalesDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.FollowUpCadences.AsNoTracking().OrderBy(cadence => cadence.IntervalDays).ToListAsync(cancellationToken));

    public static async Task<Results<Ok<FollowUpCadence>, ProblemHttpResult>> SetCadence(
        string tier, CadenceRequest request, SalesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Tiers.Contains(tier))
        {
            return SalesProblems.Invalid("tier", $"The tier is one of {string.Join(", ", Tiers)}.");
        }

        var days = request.IntervalDays!.Value;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cadence = await db.FollowUpCadences.FirstOrDefaultAsync(c => c.Tier == tier, cancellationToken);
        if (cadence is null)
        {
            cadence = db.FollowUpCadences.Add(new FollowUpCadence { Tier = tier }).Entity;
        }

        cadence.IntervalDays = days;
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE tasks t
            SET due_at = coalesce(c.last_interaction_at, c.registered_at) + make_interval(days => {days}),
                due_notified_at = NULL, overdue_notified_at = NULL, updated_at = {now}
            FROM customers c
            WHERE t.customer_id = c.id AND t.is_follow_up AND t.status = 'Open' AND coalesce(c.tier, {FollowUpPlanning.DefaultTier}) = {tier}
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(cadence);
    }
}

/// <param name="IntervalDays">Days from the last interaction (or registration) to the next follow-up: 1–365.</param>
public sealed record CadenceRequest(int? IntervalDays);

public sealed class CadenceRequestValidator : AbstractValidator<CadenceRequest>
{
    public CadenceRequestValidator() => RuleFor(request => request.IntervalDays).NotNull().InclusiveBetween(1, 365);
}
