using Crm.Contracts.Customers;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Apis;

/// <summary>Two records of one customer become one, with all their history.</summary>
public static class CustomerMergeApi
{
    public static IEndpointRouteBuilder MapCustomerMergeApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup(CustomersApi.Prefix).WithTags("Customers")
            .MapPost("/{id:guid}/merge", MergeCustomers)
            .WithValidation<MergeCustomersRequest>()
            .RequireRoles(CrmRoles.OwnerAssigners)
            .WithSummary("Merges another record into this one: this one's values win, its empty fields are filled from the other, "
                + "all history moves here and the other is removed. Needs If-Match for this one and secondaryETag for the other.");
        return app;
    }

    public static async Task<Results<Ok<CustomerResponse>, NotFound, ValidationProblem, ProblemHttpResult>> MergeCustomers(
        Guid id, MergeCustomersRequest request, CurrentUser caller, CustomersDbContext db, ValueRecalculator recalculator, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var primaryVersion, out var missing))
        {
            return missing;
        }

        var secondaryId = request.SecondaryId!.Value;
        if (secondaryId == id)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["secondaryId"] = ["A customer cannot be merged into itself."] });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pair = await db.Customers.Where(c => c.Id == id || c.Id == secondaryId).ToListAsync(cancellationToken);
        var primary = pair.SingleOrDefault(c => c.Id == id);
        var secondary = pair.SingleOrDefault(c => c.Id == secondaryId);
        if (primary is null || secondary is null)
        {
            return TypedResults.NotFound();
        }

        ETags.TryParse(request.SecondaryETag, out var secondaryVersion);
        if (primary.Version != primaryVersion || secondary.Version != secondaryVersion)
        {
            return Preconditions.Stale();
        }

        if (primary.Kind != secondary.Kind)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A company and a person cannot be merged.",
                detail: $"{primary.Name} is a {primary.Kind}, {secondary.Name} a {secondary.Kind}.");
        }

        var now = clock.GetUtcNow();
        var filled = primary.FillEmptyFrom(secondary);
        await MoveHistoryAsync(db, secondary.Id, primary.Id, cancellationToken);

        primary.Revision++;
        primary.UpdatedAt = now;
        db.Entry(primary).Property(c => c.Version).OriginalValue = primaryVersion;
        db.Entry(secondary).Property(c => c.Version).OriginalValue = secondaryVersion;
        db.Customers.Remove(secondary);
        db.AddTimelineEntry(primary.Id, now, "customer.merged", $"{secondary.Name} merged into this record",
            new { secondaryId = secondary.Id, secondaryName = secondary.Name, filled = Timeline.BeforeAndAfter(filled) }, caller.Subject);
        db.AddIntegrationEvent(primary.Updated(filled), orderingKey: primary.Id.ToString());
        db.AddIntegrationEvent(new CustomersMerged(primary.Id, secondary.Id, secondary.Revision + 1, now), orderingKey: secondary.Id.ToString());
        try
        {
            // The primary now owns the secondary's purchases and complaints: its value changes with them.
            await recalculator.SaveAndRevalueAsync(primary.Id, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }

        await transaction.CommitAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.From(primary.Version);
        return TypedResults.Ok(CustomerResponse.From(primary));
    }

    /// <summary>
    /// Purchases, interactions, feedback, timeline, contacts and open deals of the secondary now belong to the primary; its
    /// lead score counts for the primary only if the primary has none.
    /// </summary>
    private static async Task MoveHistoryAsync(CustomersDbContext db, Guid from, Guid to, CancellationToken cancellationToken)
    {
        await db.Purchases.Where(p => p.CustomerId == from).ExecuteUpdateAsync(set => set.SetProperty(p => p.CustomerId, to), cancellationToken);
        await db.Interactions.Where(i => i.CustomerId == from).ExecuteUpdateAsync(set => set.SetProperty(i => i.CustomerId, to), cancellationToken);
        await db.Feedback.Where(f => f.CustomerId == from).ExecuteUpdateAsync(set => set.SetProperty(f => f.CustomerId, to), cancellationToken);
        await db.TimelineEntries.Where(e => e.CustomerId == from).ExecuteUpdateAsync(set => set.SetProperty(e => e.CustomerId, to), cancellationToken);
        await db.Customers.Where(c => c.CompanyId == from).ExecuteUpdateAsync(set => set.SetProperty(c => c.CompanyId, to), cancellationToken);
        await db.OpenOpportunities.Where(o => o.CustomerId == from).ExecuteUpdateAsync(set => set.SetProperty(o => o.CustomerId, to), cancellationToken);
        if (await db.LeadScores.AnyAsync(s => s.CustomerId == to, cancellationToken))
        {
            await db.LeadScores.Where(s => s.CustomerId == from).ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            await db.LeadScores.Where(s => s.CustomerId == from).ExecuteUpdateAsync(set => set.SetProperty(s => s.CustomerId, to), cancellationToken);
        }
    }
}
