using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Apis;

/// <summary>The suppression list is policy: only administrators change it; marketers may read it.</summary>
public static class SuppressionsApi
{
    public static IEndpointRouteBuilder MapSuppressionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup($"{MarketingApi.Prefix}/suppressions").WithTags("Suppressions");

        api.MapGet("/{email}", GetSuppression)
            .WithSummary("Whether an address is suppressed, and why.")
            .RequireRoles(CrmRoles.Marketing);
        api.MapPost("/", AddSuppression)
            .WithValidation<SuppressionRequest>()
            .WithSummary("Suppresses an address: nothing is mailed to it by any path, whoever it belongs to. Adding it again updates the reason.")
            .RequireRoles(CrmRoles.Administrator);
        api.MapDelete("/{email}", RemoveSuppression)
            .WithSummary("Lifts a suppression. The contact's own consent still applies.")
            .RequireRoles(CrmRoles.Administrator);
        return app;
    }

    public static async Task<Results<Ok<Suppression>, NotFound>> GetSuppression(string email, MarketingDbContext db, CancellationToken cancellationToken)
    {
        var key = email.ToLowerInvariant();
        var suppression = await db.Suppressions.AsNoTracking().FirstOrDefaultAsync(s => s.Email == key, cancellationToken);
        return suppression is null ? TypedResults.NotFound() : TypedResults.Ok(suppression);
    }

    public static async Task<Ok<Suppression>> AddSuppression(
        SuppressionRequest request, CurrentUser caller, MarketingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = request.Email!.ToLowerInvariant();
        var suppression = await db.Suppressions.FirstOrDefaultAsync(s => s.Email == key, cancellationToken);
        if (suppression is null)
        {
            suppression = new Suppression { Email = key, Reason = request.Reason!, CreatedAt = clock.GetUtcNow(), CreatedBy = caller.UserId };
            db.Suppressions.Add(suppression);
        }

        suppression.Reason = request.Reason!;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(suppression);
    }

    public static async Task<Results<NoContent, NotFound>> RemoveSuppression(string email, MarketingDbContext db, CancellationToken cancellationToken)
    {
        var key = email.ToLowerInvariant();
        return await db.Suppressions.Where(s => s.Email == key).ExecuteDeleteAsync(cancellationToken) == 0
            ? TypedResults.NotFound()
            : TypedResults.NoContent();
    }
}
