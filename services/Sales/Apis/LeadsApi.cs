using Crm.Contracts.Sales;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.Paging;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Apis;

/// <summary>Leads. Every handler starts from <see cref="SalesScope.VisibleLeads"/>: another rep's lead is a 404.</summary>
public static class LeadsApi
{
    public const string Path = $"{SalesApi.Prefix}/leads";

    public static RouteGroupBuilder MapLeadsApi(this RouteGroupBuilder sales)
    {
        var api = sales.MapGroup("/leads").WithTags("Leads");
        api.MapGet("/", ListLeads)
            .WithValidation<ListLeadsQuery>()
            .WithSummary("Lists the leads the caller may see: search (q), filters, sort, keyset paging (pass nextCursor back as cursor).");
        api.MapPost("/", CreateLead)
            .WithValidation<LeadRequest>()
            .WithSummary("Creates a lead by hand; without an owner a rep owns it, otherwise the assignment rules pick one.");
        api.MapPost("/import", ImportLeads)
            .WithValidation<ImportLeadsRequest>()
            .WithSummary("Creates up to 1,000 leads from a list in one transaction (all or none); source defaults to Import; owners as on create.");
        api.MapGet("/{id:guid}", GetLead)
            .WithSummary("Reads one lead with its hand-off history; the ETag header carries its version.");
        api.MapPut("/{id:guid}", UpdateLead)
            .WithValidation<LeadRequest>()
            .WithSummary("Replaces a lead's fields. Needs If-Match: 428 without it, 412 when stale; a converted lead is a 409.");
        api.MapPost("/{id:guid}/status", ChangeStatus)
            .WithValidation<LeadStatusRequest>()
            .WithSummary("Sets new, contacted, qualified or disqualified (with a reason). Needs If-Match.");
        api.MapPost("/{id:guid}/convert", LeadConversion.Convert)
            .WithValidation<ConvertLeadRequest>()
            .WithSummary("Turns the lead into a customer (new or existing) and an opportunity, all or nothing. Needs If-Match; a converted lead is a 409.");
        return sales;
    }

    public static async Task<Ok<CursorPage<LeadResponse>>> ListLeads(
        [AsParameters] ListLeadsQuery query, CurrentUser caller, SalesDbContext db, CancellationToken cancellationToken)
    {
        Cursor.TryDecode(query.Cursor, query.SortOrDefault, out var after);
        var rows = await db.VisibleLeads(caller).AsNoTracking()
            .Filter(db, query)
            .Page(query.SortOrDefault, after)
            .Take(query.PageSizeOrDefault + 1)
            .ToListAsync(cancellationToken);
        var page = rows.Take(query.PageSizeOrDefault).ToList();
        var next = rows.Count > page.Count ? LeadQueries.CursorAfter(page[^1], query.SortOrDefault).Encode() : null;
        return TypedResults.Ok(new CursorPage<LeadResponse>([.. page.Select(lead => LeadResponse.From(lead))], query.PageSizeOrDefault, next));
    }

    public static async Task<Results<Created<LeadResponse>, ProblemHttpResult>> CreateLead(
        LeadRequest request, CurrentUser caller, SalesDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (request.OwnerId is { } ownerId && await db.CheckNewOwnerAsync(caller, ownerId, cancellationToken) is { } ownerProblem)
        {
            return ownerProblem;
        }

        // The round-robin turn is taken under a row lock that must last until the lead is saved.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lead = await db.AddLeadAsync(request, caller, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.From(lead.Version);
        return TypedResults.Created($"{Path}/{lead.Id}", LeadResponse.From(lead, withHistory: true));
    }

    public static async Task<Results<Ok<ImportLeadsResponse>, ProblemHttpResult>> ImportLeads(
        ImportLeadsRequest request, CurrentUser caller, SalesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        foreach (var ownerId in request.Leads!.Select(lead => lead.OwnerId).OfType<Guid>().Distinct())
        {
            if (await db.CheckNewOwnerAsync(caller, ownerId, cancellationToken) is { } ownerProblem)
            {
                return ownerProblem;
            }
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = new List<Guid>(request.Leads!.Count);
        foreach (var row in request.Leads!)
        {
            var lead = await db.AddLeadAsync(row with { Source = row.Source ?? "Import" }, caller, now, cancellationToken);
            ids.Add(lead.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new ImportLeadsResponse(ids.Count, ids));
    }

    /// <summary>
    /// Adds a new lead and its <c>LeadCreated</c>; the owner is the one named, else a rep's own, else the assignment
    /// rules'. Runs inside the caller's transaction, which holds the round-robin lock until the save.
    /// </summary>
    private static async Task<Lead> AddLeadAsync(this SalesDbContext db, LeadRequest request, CurrentUser caller, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var lead = new Lead { Id = Guid.CreateVersion7(now), Name = "", Status = LeadStatus.New, CreatedAt = now, UpdatedAt = now };
        lead.Apply(request);
        lead.OwnerId = request.OwnerId ?? (caller.IsInRole(CrmRoles.SalesRep) && !caller.IsInAnyRole(CrmRoles.Administrator, CrmRoles.SalesManager)
            ? caller.UserId
            : await db.AssignOwnerAsync(lead.Region, lead.Source, cancellationToken));
        db.Leads.Add(lead);
        db.AddIntegrationEvent(lead.Created(), orderingKey: lead.Id.ToString());
        return lead;
    }

    public static async Task<Results<Ok<LeadResponse>, NotFound>> GetLead(
        Guid id, CurrentUser caller, SalesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var lead = await db.VisibleLeads(caller).AsNoTracking().Include(l => l.HandOffs).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (lead is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = ETags.From(lead.Version);
        return TypedResults.Ok(LeadResponse.From(lead, withHistory: true));
    }

    public static async Task<Results<Ok<LeadResponse>, NotFound, ProblemHttpResult>> UpdateLead(
        Guid id, LeadRequest request, CurrentUser caller, SalesDbContext db, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (lead, expectedVersion, refusal) = await FindForChangeAsync(id, caller, db, http, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (lead is null)
        {
            return TypedResults.NotFound();
        }

        if (request.OwnerId is { } ownerId && ownerId != lead.OwnerId &&
            await db.CheckNewOwnerAsync(caller, ownerId, cancellationToken) is { } ownerProblem)
        {
            return ownerProblem;
        }

        lead.Apply(request);
        lead.OwnerId = request.OwnerId ?? lead.OwnerId;
        lead.UpdatedAt = clock.GetUtcNow();
        return await SaveAsync(db, lead, expectedVersion, http, cancellationToken);
    }

    public static async Task<Results<Ok<LeadResponse>, NotFound, ProblemHttpResult>> ChangeStatus(
        Guid id, LeadStatusRequest request, CurrentUser caller, SalesDbContext db, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (lead, expectedVersion, refusal) = await FindForChangeAsync(id, caller, db, http, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (lead is null)
        {
            return TypedResults.NotFound();
        }

        var status = request.Status!.Value;
        var now = clock.GetUtcNow();
        if (status == LeadStatus.Qualified && lead.Status != LeadStatus.Qualified)
        {
            db.AddIntegrationEvent(new LeadQualified(lead.Id, lead.ContactId, lead.CampaignId, lead.Source, lead.OwnerId, now),
                orderingKey: lead.Id.ToString());
        }

        lead.Status = status;
        lead.DisqualifiedReason = status == LeadStatus.Disqualified ? request.Reason!.Trim() : null;
        lead.UpdatedAt = now;
        return await SaveAsync(db, lead, expectedVersion, http, cancellationToken);
    }

    /// <summary>
    /// The lead a change applies to, checked in the order a client can act on: If-Match sent (428), the lead visible
    /// (404), not converted (409: conversion is final), the version the client read (412).
    /// </summary>
    public static async Task<(Lead? Lead, uint ExpectedVersion, ProblemHttpResult? Refusal)> FindForChangeAsync(
        Guid id, CurrentUser caller, SalesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return (null, 0, missing);
        }

        var lead = await db.VisibleLeads(caller).Include(l => l.HandOffs).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        ProblemHttpResult? refusal = lead switch
        {
            null => null,
            { Status: LeadStatus.Converted } => SalesProblems.Conflict("The lead is converted.",
                $"It became customer {lead.CustomerId}; work on the customer and its opportunities from here."),
            _ when lead.Version != expectedVersion => Preconditions.Stale(),
            _ => null,
        };
        return (refusal is null ? lead : null, expectedVersion, refusal);
    }

    /// <summary>Saves against the version the client read: of two racing changes one succeeds and the other is a 412.</summary>
    public static async Task<Results<Ok<LeadResponse>, NotFound, ProblemHttpResult>> SaveAsync(
        SalesDbContext db, Lead lead, uint expectedVersion, HttpContext http, CancellationToken cancellationToken)
    {
        db.Entry(lead).Property(l => l.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }

        http.Response.Headers.ETag = ETags.From(lead.Version);
        return TypedResults.Ok(LeadResponse.From(lead, withHistory: true));
    }
}
