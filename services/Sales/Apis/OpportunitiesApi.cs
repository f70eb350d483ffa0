using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.Paging;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Apis;

/// <summary>Deals. Every handler starts from <see cref="SalesScope.VisibleOpportunities"/>: another rep's deal is a 404.</summary>
public static class OpportunitiesApi
{
    public const string Path = $"{SalesApi.Prefix}/opportunities";

    public static RouteGroupBuilder MapOpportunitiesApi(this RouteGroupBuilder sales)
    {
        var api = sales.MapGroup("/opportunities").WithTags("Opportunities");
        api.MapGet("/", ListOpportunities)
            .WithValidation<ListOpportunitiesQuery>()
            .WithSummary("Lists the deals the caller may see: filters, sort, keyset paging (pass nextCursor back as cursor).");
        api.MapPost("/", CreateOpportunity)
            .WithValidation<CreateOpportunityRequest>()
            .WithSummary("Opens a deal with a customer in an open stage; the caller owns it unless they may assign another owner.");
        api.MapGet("/{id:guid}", GetOpportunity)
            .WithName(nameof(GetOpportunity))
            .WithSummary("Reads one deal; the ETag header carries its version.");
        api.MapPut("/{id:guid}", UpdateOpportunity)
            .WithValidation<UpdateOpportunityRequest>()
            .WithSummary("Replaces a deal's fields (not its stage). Needs If-Match: 428 without it, 412 when stale.");
        api.MapPost("/{id:guid}/stage", MoveStage)
            .WithValidation<MoveStageRequest>()
            .WithSummary("Moves a deal to another stage; a lost stage needs lostReason. Needs If-Match: 428 without it, 412 when stale.");
        api.MapDelete("/{id:guid}/probability", ResetProbability)
            .WithSummary("Drops the rep's probability override: the stage's probability applies again. Needs If-Match.");
        api.MapGet("/{id:guid}/history", GetStageHistory)
            .WithSummary("The deal's stage history, oldest first, with the time spent in each stage.");
        api.MapDelete("/{id:guid}", DeleteOpportunity)
            .WithSummary("Deletes a deal that is not won. Needs If-Match.");
        return sales;
    }

    public static async Task<Ok<CursorPage<OpportunityResponse>>> ListOpportunities(
        [AsParameters] ListOpportunitiesQuery query, CurrentUser caller, SalesDbContext db, CancellationToken cancellationToken)
    {
        Cursor.TryDecode(query.Cursor, query.SortOrDefault, out var after);
        var rows = await db.VisibleOpportunities(caller).AsNoTracking()
            .Include(o => o.Stage)
            .Filter(db, query)
            .Page(query.SortOrDefault, after)
            .Take(query.PageSizeOrDefault + 1)
            .ToListAsync(cancellationToken);

        var page = rows.Take(query.PageSizeOrDefault).ToList();
        var next = rows.Count > page.Count ? OpportunityQueries.CursorAfter(page[^1], query.SortOrDefault).Encode() : null;
        return TypedResults.Ok(new CursorPage<OpportunityResponse>([.. page.Select(OpportunityResponse.From)], query.PageSizeOrDefault, next));
    }

    public static async Task<Results<Created<OpportunityResponse>, ProblemHttpResult>> CreateOpportunity(
        CreateOpportunityRequest request, CurrentUser caller, SalesDbContext db, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        if ((request.OwnerId ?? caller.UserId) is not { } ownerId)
        {
            return SalesProblems.Invalid("ownerId", "An integration client names the owner.");
        }

        if (await db.CheckNewOwnerAsync(caller, ownerId, cancellationToken) is { } ownerProblem)
        {
            return ownerProblem;
        }

        if (await db.CheckCustomerAsync(request.CustomerId!.Value, cancellationToken) is { } customerProblem)
        {
            return customerProblem;
        }

        var (stage, stageProblem) = await db.StartStageAsync(request.PipelineId, request.StageId, "", cancellationToken);
        if (stageProblem is not null)
        {
            return stageProblem;
        }

        var opportunity = db.Open(stage!, request, ownerId, leadId: null, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.From(opportunity.Version);
        return TypedResults.Created($"{Path}/{opportunity.Id}", OpportunityResponse.From(opportunity));
    }

    public static async Task<Results<Ok<OpportunityResponse>, NotFound>> GetOpportunity(
        Guid id, CurrentUser caller, SalesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var opportunity = await db.VisibleOpportunities(caller).AsNoTracking().Include(o => o.Stage)
            .FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (opportunity is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = ETags.From(opportunity.Version);
        return TypedResults.Ok(OpportunityResponse.From(opportunity));
    }

    public static async Task<Results<Ok<OpportunityResponse>, NotFound, ProblemHttpResult>> UpdateOpportunity(
        Guid id, UpdateOpportunityRequest request, CurrentUser caller, SalesDbContext db, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (opportunity, expectedVersion, refusal) = await FindForChangeAsync(id, caller, db, http, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (opportunity is null)
        {
            return TypedResults.NotFound();
        }

        var ownerId = request.OwnerId ?? opportunity.OwnerId;
        if (ownerId != opportunity.OwnerId && await db.CheckNewOwnerAsync(caller, ownerId, cancellationToken) is { } ownerProblem)
        {
            return ownerProblem;
        }

        if (request.CustomerId != opportunity.CustomerId && await db.CheckCustomerAsync(request.CustomerId!.Value, cancellationToken) is { } customerProblem)
        {
            return customerProblem;
        }

        opportunity.Apply(request, ownerId);
        opportunity.UpdatedAt = clock.GetUtcNow();
        return await SaveAsync(db, opportunity, expectedVersion, http, cancellationToken);
    }

    public static async Task<Results<Ok<OpportunityResponse>, NotFound, ProblemHttpResult>> MoveStage(
        Guid id, MoveStageRequest request, CurrentUser caller, SalesDbContext db, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (opportunity, expectedVersion, refusal) = await FindForChangeAsync(id, caller, db, http, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (opportunity is null)
        {
            return TypedResults.NotFound();
        }

        var target = await db.Stages.FirstOrDefaultAsync(stage => stage.Id == request.StageId, cancellationToken);
        if (target is null)
        {
            return SalesProblems.Invalid("stageId", $"There is no stage {request.StageId}.");
        }

        var lostReason = request.LostReason;
        if (target.Kind == StageKind.Lost)
        {
            if (string.IsNullOrWhiteSpace(lostReason))
            {
                return SalesProblems.Invalid("lostReason", $"Moving to '{target.Name}' loses the deal: say why.");
            }

            var reasons = await db.LostReasons.AsNoTracking().Select(reason => reason.Name).ToListAsync(cancellationToken);
            var listed = reasons.FirstOrDefault(reason => string.Equals(reason, lostReason.Trim(), StringComparison.OrdinalIgnoreCase));
            if (reasons.Count > 0 && listed is null)
            {
                return SalesProblems.Invalid("lostReason", $"The reason is one of the administrator's list: {string.Join(", ", reasons.Order(StringComparer.Ordinal))}.");
            }

            lostReason = listed ?? lostReason;
        }

        if (target.Id == opportunity.StageId)
        {
            http.Response.Headers.ETag = ETags.From(opportunity.Version);
            return TypedResults.Ok(OpportunityResponse.From(opportunity));
        }

        // The visit the deal is in now, tracked, so the move can close it.
        await db.StageVisits.Where(visit => visit.OpportunityId == opportunity.Id && visit.LeftAt == null).LoadAsync(cancellationToken);
        foreach (var integrationEvent in opportunity.MoveTo(target, lostReason, request.Competitor, clock.GetUtcNow()))
        {
            db.AddIntegrationEvent(integrationEvent, orderingKey: opportunity.Id.ToString());
        }

        return await SaveAsync(db, opportunity, expectedVersion, http, cancellationToken);
    }

    public static async Task<Results<Ok<OpportunityResponse>, NotFound, ProblemHttpResult>> ResetProbability(
        Guid id, CurrentUser caller, SalesDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var (opportunity, expectedVersion, refusal) = await FindForChangeAsync(id, caller, db, http, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (opportunity is null)
        {
            return TypedResults.NotFound();
        }

        opportunity.ProbabilityOverride = null;
        opportunity.UpdatedAt = clock.GetUtcNow();
        return await SaveAsync(db, opportunity, expectedVersion, http, cancellationToken);
    }

    public static async Task<Results<Ok<List<StageVisitResponse>>, NotFound>> GetStageHistory(
        Guid id, CurrentUser caller, SalesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.VisibleOpportunities(caller).AnyAsync(o => o.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var visits = await db.StageVisits.AsNoTracking().Where(visit => visit.OpportunityId == id)
            .OrderBy(visit => visit.EnteredAt).ThenBy(visit => visit.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(visits.Select(visit => StageVisitResponse.From(visit, now)).ToList());
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteOpportunity(
        Guid id, CurrentUser caller, SalesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (opportunity, expectedVersion, refusal) = await FindForChangeAsync(id, caller, db, http, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (opportunity is null)
        {
            return TypedResults.NotFound();
        }

        db.Opportunities.Remove(opportunity);
        db.Entry(opportunity).Property(o => o.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }

        return TypedResults.NoContent();
    }

    /// <summary>
    /// The deal a change applies to, checked in the order a client can act on: If-Match sent (428), the deal visible to
    /// the caller (no deal and no refusal: 404), the version the client read (412), not won (409).
    /// </summary>
    private static async Task<(Opportunity? Opportunity, uint ExpectedVersion, ProblemHttpResult? Refusal)> FindForChangeAsync(
        Guid id, CurrentUser caller, SalesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return (null, 0, missing);
        }

        var opportunity = await db.VisibleOpportunities(caller).Include(o => o.Stage).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        ProblemHttpResult? refusal = opportunity switch
        {
            null => null,
            _ when opportunity.Version != expectedVersion => Preconditions.Stale(),
            { Status: OpportunityStatus.Won } => SalesProblems.WonIsFinal(),
            _ => null,
        };
        return (refusal is null ? opportunity : null, expectedVersion, refusal);
    }

    /// <summary>
    /// Saves against the version the client read, not the one loaded: of two requests racing from the same version,
    /// exactly one succeeds and the other is a 412.
    /// </summary>
    private static async Task<Results<Ok<OpportunityResponse>, NotFound, ProblemHttpResult>> SaveAsync(
        SalesDbContext db, Opportunity opportunity, uint expectedVersion, HttpContext http, CancellationToken cancellationToken)
    {
        db.Entry(opportunity).Property(o => o.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }

        http.Response.Headers.ETag = ETags.From(opportunity.Version);
        return TypedResults.Ok(OpportunityResponse.From(opportunity));
    }
}
