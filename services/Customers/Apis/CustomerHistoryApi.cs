using System.Globalization;
using Crm.BuildingBlocks.Messaging;
using Crm.BuildingBlocks.Persistence;
using Crm.Contracts.Customers;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Paging;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Apis;

/// <summary>What happened with a customer: purchases, interactions, feedback, and the timeline that shows it all.</summary>
public static class CustomerHistoryApi
{
    private const string TimelineSort = "timeline";

    public static IEndpointRouteBuilder MapCustomerHistoryApi(this IEndpointRouteBuilder app)
    {
        var customer = app.MapGroup($"{CustomersApi.Prefix}/{{id:guid}}").WithTags("Customer history").RequireRoles(CrmRoles.All);

        customer.MapPost("/purchases", RecordPurchase).WithValidation<RecordPurchaseRequest>().RequireRoles(CrmRoles.CustomerEditors)
            .WithSummary("Records an order: date, amount, currency, items.");
        customer.MapGet("/purchases", ListPurchases).WithSummary("The customer's purchases, newest first.");
        customer.MapPost("/interactions", LogInteraction).WithValidation<LogInteractionRequest>().RequireRoles(CrmRoles.CustomerEditors)
            .WithSummary("Logs a call, meeting, e-mail, visit or note; the caller is who had it.");
        customer.MapGet("/interactions", ListInteractions).WithSummary("The customer's interactions, newest first.");
        customer.MapPost("/feedback", RecordFeedback).WithValidation<RecordFeedbackRequest>().RequireRoles(CrmRoles.CustomerEditors)
            .WithSummary("Records praise, a suggestion or a complaint, with an optional 1-5 rating.");
        customer.MapPost("/feedback/{feedbackId:guid}/resolve", ResolveFeedback).RequireRoles(CrmRoles.CustomerEditors)
            .WithSummary("Marks a complaint or other feedback as dealt with; open complaints weigh on the churn risk.");
        customer.MapGet("/feedback", ListFeedback).WithSummary("The customer's feedback and complaints, newest first.");
        customer.MapGet("/timeline", GetTimeline).WithValidation<TimelineQuery>()
            .WithSummary("Everything about the customer from every service, newest first, keyset-paged.");
        return app;
    }

    public static async Task<Results<Created<PurchaseResponse>, NotFound>> RecordPurchase(
        Guid id, RecordPurchaseRequest request, CurrentUser caller, CustomersDbContext db, ValueRecalculator recalculator, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        var purchase = new Purchase
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = id,
            PurchasedAt = request.PurchasedAt!.Value,
            Amount = request.Amount!.Value,
            Currency = request.Currency!,
            Items = [.. (request.Items ?? []).Select(item => new PurchaseItem
            {
                Sku = item.Sku, Name = item.Name!, Quantity = item.Quantity!.Value, UnitPrice = item.UnitPrice!.Value,
            })],
            Source = "manual",
            CreatedAt = now,
        };
        db.Purchases.Add(purchase);
        db.AddTimelineEntry(id, purchase.PurchasedAt, "purchase.recorded",
            $"Purchase of {purchase.Amount.ToString("N2", CultureInfo.InvariantCulture)} {purchase.Currency}",
            new { purchaseId = purchase.Id, purchase.Amount, purchase.Currency, items = purchase.Items.Count }, caller.Subject);
        await recalculator.SaveAndRevalueAsync(id, cancellationToken);
        return TypedResults.Created($"{CustomersApi.Prefix}/{id}/purchases/{purchase.Id}", PurchaseResponse.From(purchase));
    }

    public static async Task<Results<Ok<PagedResponse<PurchaseResponse>>, NotFound>> ListPurchases(
        Guid id, [AsParameters] PageQuery query, CustomersDbContext db, CancellationToken cancellationToken) =>
        await ListAsync(db, id, db.Purchases.Where(p => p.CustomerId == id).OrderByDescending(p => p.PurchasedAt).ThenByDescending(p => p.Id),
            query, PurchaseResponse.From, cancellationToken);

    public static async Task<Results<Created<InteractionResponse>, NotFound>> LogInteraction(
        Guid id, LogInteractionRequest request, CurrentUser caller, CustomersDbContext db, ValueRecalculator recalculator, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        var interaction = new Interaction
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = id,
            Kind = request.Kind!.Value,
            OccurredAt = request.OccurredAt!.Value,
            Summary = request.Summary!.Trim(),
            UserId = caller.UserId,
            CreatedAt = now,
        };
        db.Interactions.Add(interaction);
        db.AddTimelineEntry(id, interaction.OccurredAt, $"interaction.{interaction.Kind.ToString().ToLowerInvariant()}",
            $"{interaction.Kind} by {caller.Name}: {Shorten(interaction.Summary)}", new { interactionId = interaction.Id }, caller.Subject);
        db.AddIntegrationEvent(new CustomerInteractionLogged(id, interaction.Id, interaction.Kind.ToString(), interaction.OccurredAt, caller.UserId, now),
            orderingKey: id.ToString());
        await recalculator.SaveAndRevalueAsync(id, cancellationToken);
        return TypedResults.Created($"{CustomersApi.Prefix}/{id}/interactions/{interaction.Id}", InteractionResponse.From(interaction));
    }

    public static async Task<Results<Ok<PagedResponse<InteractionResponse>>, NotFound>> ListInteractions(
        Guid id, [AsParameters] PageQuery query, CustomersDbContext db, CancellationToken cancellationToken) =>
        await ListAsync(db, id, db.Interactions.Where(i => i.CustomerId == id).OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id),
            query, InteractionResponse.From, cancellationToken);

    public static async Task<Results<Created<FeedbackResponse>, NotFound>> RecordFeedback(
        Guid id, RecordFeedbackRequest request, CurrentUser caller, CustomersDbContext db, ValueRecalculator recalculator, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        var feedback = new Feedback
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = id,
            Kind = request.Kind!.Value,
            Rating = request.Rating,
            Text = request.Text!.Trim(),
            Status = FeedbackStatus.Open,
            ReceivedAt = request.ReceivedAt ?? now,
            RecordedBy = caller.UserId,
            CreatedAt = now,
        };
        db.Feedback.Add(feedback);
        db.AddTimelineEntry(id, feedback.ReceivedAt, $"feedback.{feedback.Kind.ToString().ToLowerInvariant()}",
            $"{feedback.Kind}{(feedback.Rating is { } rating ? $" ({rating}/5)" : "")}: {Shorten(feedback.Text)}",
            new { feedbackId = feedback.Id, feedback.Rating }, caller.Subject);
        await recalculator.SaveAndRevalueAsync(id, cancellationToken);
        return TypedResults.Created($"{CustomersApi.Prefix}/{id}/feedback/{feedback.Id}", FeedbackResponse.From(feedback));
    }

    public static async Task<Results<Ok<FeedbackResponse>, NotFound>> ResolveFeedback(
        Guid id, Guid feedbackId, CurrentUser caller, CustomersDbContext db, ValueRecalculator recalculator, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var feedback = await db.Feedback.FirstOrDefaultAsync(f => f.Id == feedbackId && f.CustomerId == id, cancellationToken);
        if (feedback is null)
        {
            return TypedResults.NotFound();
        }

        if (feedback.Status != FeedbackStatus.Resolved)
        {
            feedback.Status = FeedbackStatus.Resolved;
            db.AddTimelineEntry(id, clock.GetUtcNow(), $"feedback.resolved", $"{feedback.Kind} resolved: {Shorten(feedback.Text)}",
                new { feedbackId }, caller.Subject);
            await recalculator.SaveAndRevalueAsync(id, cancellationToken);
        }

        return TypedResults.Ok(FeedbackResponse.From(feedback));
    }

    public static async Task<Results<Ok<PagedResponse<FeedbackResponse>>, NotFound>> ListFeedback(
        Guid id, [AsParameters] PageQuery query, CustomersDbContext db, CancellationToken cancellationToken) =>
        await ListAsync(db, id, db.Feedback.Where(f => f.CustomerId == id).OrderByDescending(f => f.ReceivedAt).ThenByDescending(f => f.Id),
            query, FeedbackResponse.From, cancellationToken);

    /// <summary>
    /// Newest first by when it happened, then by entry id; the cursor is the last entry's pair, so entries that arrive
    /// late from other services never shift a page a client is reading.
    /// </summary>
    public static async Task<Results<Ok<CursorPage<TimelineEntryResponse>>, NotFound>> GetTimeline(
        Guid id, [AsParameters] TimelineQuery query, CustomersDbContext db, CancellationToken cancellationToken)
    {
        var entries = db.TimelineEntries.AsNoTracking().Where(entry => entry.CustomerId == id);
        if (query.Service is { Length: > 0 } service)
        {
            entries = entries.Where(entry => entry.Service == service);
        }

        if (Cursor.TryDecode(query.Cursor, TimelineSort, out var cursor) && cursor is not null)
        {
            var occurredAt = Keyset.ParseTimeKey(cursor.Key);
            var entryId = long.Parse(cursor.Id, CultureInfo.InvariantCulture);
            entries = entries.Where(entry => EF.Functions.LessThan(ValueTuple.Create(entry.OccurredAt, entry.Id), ValueTuple.Create(occurredAt, entryId)));
        }

        var pageSize = query.PageSize ?? PagingLimits.DefaultPageSize;
        var rows = await entries.OrderByDescending(entry => entry.OccurredAt).ThenByDescending(entry => entry.Id)
            .Take(pageSize + 1).ToListAsync(cancellationToken);
        if (rows.Count == 0 && query.Cursor is null && !await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var page = rows.Take(pageSize).ToList();
        var next = rows.Count > pageSize
            ? new Cursor(TimelineSort, Keyset.TimeKey(page[^1].OccurredAt), page[^1].Id.ToString(CultureInfo.InvariantCulture)).Encode()
            : null;
        return TypedResults.Ok(new CursorPage<TimelineEntryResponse>([.. page.Select(TimelineEntryResponse.From)], pageSize, next));
    }

    private static async Task<Results<Ok<PagedResponse<TResponse>>, NotFound>> ListAsync<TEntity, TResponse>(
        CustomersDbContext db, Guid customerId, IQueryable<TEntity> rows, PageQuery query, Func<TEntity, TResponse> map,
        CancellationToken cancellationToken)
        where TEntity : class
    {
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var total = await rows.LongCountAsync(cancellationToken);
        var page = await rows.AsNoTracking().Skip(query.SkipOf()).Take(query.PageSizeOf()).ToListAsync(cancellationToken);
        return TypedResults.Ok(PagedResponse<TResponse>.Of([.. page.Select(map)], query, total));
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : $"{text[..117]}...";
}
