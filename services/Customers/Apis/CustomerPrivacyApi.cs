using Crm.Contracts.Audit;
using Crm.Contracts.Customers;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Apis;

/// <summary>A person's rights over their data: a copy of everything held (access), and erasure. Both are audited.</summary>
public static class CustomerPrivacyApi
{
    public const string ErasedName = "Erased customer";
    private const string Erased = "[erased]";

    public static IEndpointRouteBuilder MapCustomerPrivacyApi(this IEndpointRouteBuilder app)
    {
        var privacy = app.MapGroup($"{CustomersApi.Prefix}/{{id:guid}}").WithTags("Privacy").RequireRoles(CrmRoles.Administrator);
        privacy.MapGet("/personal-data", ExportPersonalData)
            .WithSummary("Everything this service holds about the customer, as one JSON document (administrators; audited).");
        privacy.MapPost("/erase", EraseCustomer)
            .WithSummary("Anonymises the customer and its history and tells every service to do the same. Needs If-Match (administrators; audited).");
        return app;
    }

    public static async Task<Results<Ok<PersonalDataResponse>, NotFound>> ExportPersonalData(
        Guid id, CurrentUser caller, CustomersDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return TypedResults.NotFound();
        }

        var data = new PersonalDataResponse(
            CustomerResponse.From(customer),
            [.. (await db.Purchases.AsNoTracking().Where(p => p.CustomerId == id).OrderBy(p => p.PurchasedAt).ToListAsync(cancellationToken)).Select(PurchaseResponse.From)],
            [.. (await db.Interactions.AsNoTracking().Where(i => i.CustomerId == id).OrderBy(i => i.OccurredAt).ToListAsync(cancellationToken)).Select(InteractionResponse.From)],
            [.. (await db.Feedback.AsNoTracking().Where(f => f.CustomerId == id).OrderBy(f => f.ReceivedAt).ToListAsync(cancellationToken)).Select(FeedbackResponse.From)],
            [.. (await db.TimelineEntries.AsNoTracking().Where(e => e.CustomerId == id).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(cancellationToken)).Select(TimelineEntryResponse.From)]);
        Audit(db, caller, clock, http, "exported", id, "personal data of one customer as JSON");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(data);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> EraseCustomer(
        Guid id, CurrentUser caller, CustomersDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return TypedResults.NotFound();
        }

        if (customer.Version != expectedVersion)
        {
            return Preconditions.Stale();
        }

        var now = clock.GetUtcNow();
        customer.Name = ErasedName;
        customer.Email = null;
        customer.Phone = null;
        customer.Address = new Address();
        customer.Tags = [];
        customer.ErasedAt = now;
        customer.UpdatedAt = now;
        customer.Revision++;
        await db.Interactions.Where(i => i.CustomerId == id).ExecuteUpdateAsync(set => set.SetProperty(i => i.Summary, Erased), cancellationToken);
        await db.Feedback.Where(f => f.CustomerId == id).ExecuteUpdateAsync(set => set.SetProperty(f => f.Text, Erased), cancellationToken);
        // The timeline keeps that something happened and when, not what was said or changed.
        await db.TimelineEntries.Where(e => e.CustomerId == id).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Summary, Erased).SetProperty(e => e.Data, (string?)null), cancellationToken);
        db.AddTimelineEntry(id, now, "customer.erased", "Personal data erased on request", actorId: caller.Subject);
        db.AddIntegrationEvent(new CustomerErased(id, customer.Revision, now), orderingKey: id.ToString());
        Audit(db, caller, clock, http, "erased", id, "customer anonymised on request");
        db.Entry(customer).Property(c => c.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static void Audit(CustomersDbContext db, CurrentUser caller, TimeProvider clock, HttpContext http, string action, Guid customerId, string details)
    {
        var now = clock.GetUtcNow();
        db.AddIntegrationEvent(new SensitiveActionPerformed(Guid.CreateVersion7(now), Timeline.ThisService, action, caller.Subject, caller.Name,
            customerId.ToString(), details, http.Connection.RemoteIpAddress?.ToString(), now));
    }
}

public sealed record PersonalDataResponse(
    CustomerResponse Customer,
    IReadOnlyList<PurchaseResponse> Purchases,
    IReadOnlyList<InteractionResponse> Interactions,
    IReadOnlyList<FeedbackResponse> Feedback,
    IReadOnlyList<TimelineEntryResponse> Timeline);
