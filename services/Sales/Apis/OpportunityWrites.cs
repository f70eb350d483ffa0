using Crm.Contracts.Sales;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Apis;

/// <summary>Copies requests onto an opportunity, moves it between stages, and says which events that makes.</summary>
public static class OpportunityWrites
{
    /// <summary>
    /// The open stage a new deal starts in: a stage names its pipeline; a pipeline alone means its first open stage;
    /// neither means the default pipeline's. Otherwise the 400 to answer, its field names prefixed with <paramref name="fieldPrefix"/>.
    /// </summary>
    public static async Task<(Stage? Stage, ProblemHttpResult? Problem)> StartStageAsync(
        this SalesDbContext db, Guid? pipelineId, Guid? stageId, string fieldPrefix, CancellationToken cancellationToken)
    {
        if (stageId is { } requestedStage && pipelineId is null)
        {
            pipelineId = await db.Stages.Where(s => s.Id == requestedStage).Select(s => (Guid?)s.PipelineId).FirstOrDefaultAsync(cancellationToken);
            if (pipelineId is null)
            {
                return (null, SalesProblems.Invalid($"{fieldPrefix}stageId", $"There is no stage {requestedStage}."));
            }
        }

        var pipeline = await db.Pipelines.Include(p => p.Stages)
            .FirstOrDefaultAsync(p => pipelineId == null ? p.IsDefault : p.Id == pipelineId, cancellationToken);
        if (pipeline is null)
        {
            return (null, SalesProblems.Invalid($"{fieldPrefix}pipelineId",
                pipelineId is null ? "There is no default pipeline; name one." : $"There is no pipeline {pipelineId}."));
        }

        var stage = stageId is { } id
            ? pipeline.Stages.FirstOrDefault(s => s.Id == id)
            : pipeline.Stages.Where(s => s.Kind == StageKind.Open).MinBy(s => s.Position);
        return stage is null || stage.Kind != StageKind.Open
            ? (null, SalesProblems.Invalid($"{fieldPrefix}stageId", "A new opportunity starts in an open stage of its pipeline; move it to won or lost afterwards."))
            : (stage, null);
    }

    /// <summary>Adds a new open deal in <paramref name="stage"/> and its <c>OpportunityCreated</c> event; the caller saves.</summary>
    public static Opportunity Open(this SalesDbContext db, Stage stage, IOpportunityFields fields, Guid ownerId, Guid? leadId, DateTimeOffset now)
    {
        var opportunity = new Opportunity
        {
            Id = Guid.CreateVersion7(now),
            Name = "",
            Currency = "",
            PipelineId = stage.PipelineId,
            StageId = stage.Id,
            Stage = stage,
            Status = OpportunityStatus.Open,
            LeadId = leadId,
            StageChangedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        opportunity.Apply(fields, ownerId);
        opportunity.Enter(stage, now);
        db.Opportunities.Add(opportunity);
        db.AddIntegrationEvent(opportunity.Created(), orderingKey: opportunity.Id.ToString());
        return opportunity;
    }

    public static void Apply(this Opportunity opportunity, IOpportunityFields fields, Guid ownerId)
    {
        opportunity.Name = fields.Name!.Trim();
        opportunity.CustomerId = fields.CustomerId!.Value;
        opportunity.Amount = fields.Amount!.Value;
        opportunity.Currency = fields.Currency!;
        opportunity.ExpectedCloseDate = fields.ExpectedCloseDate!.Value;
        opportunity.Source = string.IsNullOrWhiteSpace(fields.Source) ? null : fields.Source.Trim();
        opportunity.OwnerId = ownerId;
        if (fields.Probability is { } probability && opportunity.Status == OpportunityStatus.Open)
        {
            opportunity.ProbabilityOverride = probability;
        }
    }

    /// <summary>Starts the deal's stage history in <paramref name="stage"/>.</summary>
    public static void Enter(this Opportunity opportunity, Stage stage, DateTimeOffset now)
    {
        foreach (var visit in opportunity.StageHistory.Where(visit => visit.LeftAt is null))
        {
            visit.LeftAt = now;
        }

        opportunity.StageHistory.Add(new StageVisit { OpportunityId = opportunity.Id, StageId = stage.Id, StageName = stage.Name, EnteredAt = now });
    }

    /// <summary>
    /// Puts the deal into <paramref name="target"/> and returns the events that announce it: always the stage change,
    /// then the win or the loss when the deal has just become won or lost. Moving out of a lost stage reopens the deal.
    /// </summary>
    public static List<object> MoveTo(this Opportunity opportunity, Stage target, string? lostReason, string? competitor, DateTimeOffset now)
    {
        var from = opportunity.Stage;
        var wasLost = opportunity.Status == OpportunityStatus.Lost;
        opportunity.Stage = target;
        opportunity.StageId = target.Id;
        opportunity.PipelineId = target.PipelineId;
        opportunity.Status = StatusOf(target.Kind);
        opportunity.StageChangedAt = now;
        opportunity.UpdatedAt = now;
        opportunity.WonAt = target.Kind == StageKind.Won ? now : null;
        // Won is 100 % and lost 0 %: a rep's estimate no longer applies.
        if (target.Kind != StageKind.Open)
        {
            opportunity.ProbabilityOverride = null;
        }

        opportunity.Enter(target, now);
        if (target.Kind == StageKind.Lost)
        {
            opportunity.LostAt = wasLost ? opportunity.LostAt : now;
            opportunity.LostReason = lostReason!.Trim();
            opportunity.Competitor = string.IsNullOrWhiteSpace(competitor) ? null : competitor.Trim();
        }
        else
        {
            opportunity.LostAt = null;
            opportunity.LostReason = null;
            opportunity.Competitor = null;
        }

        List<object> events =
        [
            new OpportunityStageChanged(opportunity.Id, opportunity.CustomerId, opportunity.PipelineId, from.Id, from.Name,
                target.Id, target.Name, target.Kind.ToString(), opportunity.Probability, opportunity.Amount, opportunity.Currency,
                opportunity.OwnerId, now),
        ];
        if (target.Kind == StageKind.Won)
        {
            events.Add(new OpportunityWon(opportunity.Id, opportunity.CustomerId, opportunity.Name, opportunity.Amount,
                opportunity.Currency, now, opportunity.OwnerId));
        }
        else if (target.Kind == StageKind.Lost && !wasLost)
        {
            events.Add(new OpportunityLost(opportunity.Id, opportunity.CustomerId, opportunity.LostReason!, opportunity.Competitor,
                from.Id, from.Name, opportunity.Amount, opportunity.Currency, opportunity.OwnerId, now));
        }

        return events;
    }

    public static OpportunityCreated Created(this Opportunity opportunity) =>
        new(opportunity.Id, opportunity.Name, opportunity.CustomerId, opportunity.PipelineId, opportunity.StageId,
            opportunity.Stage.Name, opportunity.Probability, opportunity.Amount, opportunity.Currency,
            opportunity.ExpectedCloseDate, opportunity.OwnerId, opportunity.Source, opportunity.CreatedAt);

    public static OpportunityStatus StatusOf(StageKind kind) => kind switch
    {
        StageKind.Won => OpportunityStatus.Won,
        StageKind.Lost => OpportunityStatus.Lost,
        _ => OpportunityStatus.Open,
    };
}
