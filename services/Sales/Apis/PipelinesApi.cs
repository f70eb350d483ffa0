using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Crm.Sales.Apis;

public static class PipelinesApi
{
    public static RouteGroupBuilder MapPipelinesApi(this RouteGroupBuilder sales)
    {
        var api = sales.MapGroup("/pipelines").WithTags("Pipelines");
        api.MapGet("/", ListPipelines)
            .WithSummary("Every pipeline with its stages in order; the default one first.");
        api.MapGet("/{id:guid}", GetPipeline)
            .WithName(nameof(GetPipeline))
            .WithSummary("Reads one pipeline; the ETag header carries its version.");
        api.MapPost("/", CreatePipeline)
            .WithSummary("Creates a pipeline with ordered stages (administrators only).")
            .WithValidation<PipelineRequest>()
            .RequireRoles(CrmRoles.Administrator);
        api.MapPut("/{id:guid}", UpdatePipeline)
            .WithSummary("Replaces a pipeline's name and stages (administrators only). Needs If-Match: 428 without it, 412 when stale.")
            .WithValidation<PipelineRequest>()
            .RequireRoles(CrmRoles.Administrator);
        api.MapGet("/{id:guid}/board", GetBoard)
            .WithSummary("The pipeline grouped by stage: count, amounts and weighted amounts per currency, and the first cards, of the deals the caller may see.")
            .WithValidation<BoardQuery>();
        return sales;
    }

    public static async Task<Ok<List<PipelineResponse>>> ListPipelines(SalesDbContext db, CancellationToken cancellationToken)
    {
        var pipelines = await db.Pipelines.AsNoTracking().Include(pipeline => pipeline.Stages)
            .OrderByDescending(pipeline => pipeline.IsDefault).ThenBy(pipeline => pipeline.Name).ThenBy(pipeline => pipeline.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(pipelines.Select(PipelineResponse.From).ToList());
    }

    public static async Task<Results<Ok<PipelineResponse>, NotFound>> GetPipeline(
        Guid id, SalesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var pipeline = await db.Pipelines.AsNoTracking().Include(p => p.Stages).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pipeline is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = ETags.From(pipeline.Version);
        return TypedResults.Ok(PipelineResponse.From(pipeline));
    }

    public static async Task<Results<Created<PipelineResponse>, ProblemHttpResult>> CreatePipeline(
        PipelineRequest request, SalesDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (request.Stages!.Any(stage => stage.Id is not null))
        {
            return SalesProblems.Invalid("stages", "A new pipeline's stages get their ids when it is created; leave 'id' out.");
        }

        var now = clock.GetUtcNow();
        var pipeline = new Pipeline { Id = Guid.CreateVersion7(now), Name = request.Name!.Trim(), CreatedAt = now, UpdatedAt = now };
        for (var position = 0; position < request.Stages!.Count; position++)
        {
            var stage = new Stage { Id = Guid.CreateVersion7(now), PipelineId = pipeline.Id, Name = "" };
            stage.Apply(request.Stages[position], position);
            pipeline.Stages.Add(stage);
        }

        db.Pipelines.Add(pipeline);
        await db.SaveChangesAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.From(pipeline.Version);
        return TypedResults.Created($"{SalesApi.Prefix}/pipelines/{pipeline.Id}", PipelineResponse.From(pipeline));
    }

    public static async Task<Results<Ok<PipelineResponse>, NotFound, ProblemHttpResult>> UpdatePipeline(
        Guid id, PipelineRequest request, SalesDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        var pipeline = await db.Pipelines.Include(p => p.Stages).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pipeline is null)
        {
            return TypedResults.NotFound();
        }

        if (pipeline.Version != expectedVersion)
        {
            return Preconditions.Stale();
        }

        var requested = request.Stages!;
        var existing = pipeline.Stages.ToDictionary(stage => stage.Id);
        for (var index = 0; index < requested.Count; index++)
        {
            if (requested[index].Id is { } stageId && !existing.ContainsKey(stageId))
            {
                return SalesProblems.Invalid($"stages[{index}].id", $"The pipeline has no stage {stageId}; leave 'id' out for a new stage.");
            }
        }

        // A stage that holds deals keeps its kind and may not go: the deals' status follows the stage's kind.
        var kept = requested.Where(stage => stage.Id is not null).ToDictionary(stage => stage.Id!.Value);
        var changing = pipeline.Stages
            .Where(stage => !kept.TryGetValue(stage.Id, out var next) || next.Kind != stage.Kind)
            .Select(stage => stage.Id)
            .ToList();
        var occupied = await db.Opportunities.Where(opportunity => changing.Contains(opportunity.StageId))
            .Select(opportunity => opportunity.StageId).Distinct().ToListAsync(cancellationToken);
        if (occupied.Count > 0)
        {
            return StageOccupied(existing[occupied[0]]);
        }

        pipeline.Name = request.Name!.Trim();
        pipeline.UpdatedAt = clock.GetUtcNow();
        pipeline.Stages.RemoveAll(stage => !kept.ContainsKey(stage.Id));
        for (var position = 0; position < requested.Count; position++)
        {
            if (requested[position].Id is { } stageId)
            {
                existing[stageId].Apply(requested[position], position);
            }
            else
            {
                var stage = new Stage { Id = Guid.CreateVersion7(pipeline.UpdatedAt), PipelineId = pipeline.Id, Name = "" };
                stage.Apply(requested[position], position);
                pipeline.Stages.Add(stage);
            }
        }

        // The version the client read: a save racing ours makes this one fail instead of overwrite.
        db.Entry(pipeline).Property(p => p.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            // A deal moved into a stage this change removes, after the check above.
            return SalesProblems.Conflict("A removed stage holds opportunities.", "Move its opportunities to another stage first.");
        }

        http.Response.Headers.ETag = ETags.From(pipeline.Version);
        return TypedResults.Ok(PipelineResponse.From(pipeline));
    }

    public static async Task<Results<Ok<BoardResponse>, NotFound>> GetBoard(
        Guid id, [AsParameters] BoardQuery query, CurrentUser caller, SalesDbContext db, CancellationToken cancellationToken)
    {
        var pipeline = await db.Pipelines.AsNoTracking().Include(p => p.Stages).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pipeline is null)
        {
            return TypedResults.NotFound();
        }

        // The sums come from the totals the database keeps per stage, owner and currency (a few rows per owner instead of
        // every deal); the stage's probability is applied here, overrides were summed deal by deal. Exact in decimal.
        var totals = await db.VisibleStageTotals(caller).Where(total => total.PipelineId == id).OwnedBy(db, query.OwnerId, query.TeamId)
            .GroupBy(total => new { total.StageId, total.Currency })
            .Select(group => new
            {
                group.Key.StageId,
                group.Key.Currency,
                Count = group.Sum(total => total.DealCount),
                Amount = group.Sum(total => total.Amount),
                AmountAtStageProbability = group.Sum(total => total.AmountAtStageProbability),
                AmountTimesOverride = group.Sum(total => total.AmountTimesOverride),
            })
            .ToListAsync(cancellationToken);
        var deals = db.VisibleOpportunities(caller).Where(o => o.PipelineId == id).OwnedBy(db, query.OwnerId, query.TeamId);
        var cardsPerStage = query.CardsPerStageOrDefault;
        // Each stage's first cards read from the (stage_id, expected_close_date, id) index, one LIMIT per stage joined by
        // UNION ALL in one statement: a window over the whole pipeline would sort every deal in it.
        var cards = cardsPerStage == 0 || pipeline.Stages.Count == 0 ? [] : await pipeline.Stages
            .Select(stage => deals.Where(o => o.StageId == stage.Id).OrderBy(o => o.ExpectedCloseDate).ThenBy(o => o.Id).Take(cardsPerStage))
            .Aggregate(Queryable.Concat)
            .Select(o => new { o.StageId, Card = new BoardCard(o.Id, o.Name, o.CustomerId, o.Amount, o.Currency, o.ExpectedCloseDate, o.OwnerId) })
            .ToListAsync(cancellationToken);
        var columns = pipeline.Stages.OrderBy(stage => stage.Position).Select(stage =>
        {
            var stageTotals = totals.Where(total => total.StageId == stage.Id).OrderBy(total => total.Currency, StringComparer.Ordinal).ToList();
            return new BoardColumn(stage.Id, stage.Name, stage.Kind, stage.Probability, stageTotals.Sum(total => total.Count),
                [.. stageTotals.Select(total => new CurrencyTotal(total.Currency, total.Amount,
                    (total.AmountTimesOverride + total.AmountAtStageProbability * stage.Probability) / 100m))],
                [.. cards.Where(card => card.StageId == stage.Id).Select(card => card.Card).OrderBy(card => card.ExpectedCloseDate).ThenBy(card => card.Id)]);
        });
        return TypedResults.Ok(new BoardResponse(pipeline.Id, pipeline.Name, [.. columns]));
    }

    private static ProblemHttpResult StageOccupied(Stage stage) =>
        SalesProblems.Conflict($"Stage '{stage.Name}' holds opportunities.",
            "A stage with opportunities can be renamed, reordered and given another probability, but not removed or given another kind. Move its opportunities first.");

    private static void Apply(this Stage stage, StageRequest request, int position)
    {
        stage.Name = request.Name!.Trim();
        stage.Position = position;
        stage.Probability = request.Probability!.Value;
        stage.Kind = request.Kind!.Value;
        stage.ForecastCategory = request.ForecastCategoryOrDefault;
    }
}
