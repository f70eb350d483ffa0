using Crm.Contracts.Sales;
using Crm.Sales.Model;

namespace Crm.Sales.Apis;

/// <summary>Copies requests onto an opportunity, moves it between stages, and says which events that makes.</summary>
public static class OpportunityWrites
{
    public static void Apply(this Opportunity opportunity, IOpportunityFields fields, Guid ownerId)
    {
        opportunity.Name = fields.Name!.Trim();
        opportunity.CustomerId = fields.CustomerId!.Value;
        opportunity.Amount = fields.Amount!.Value;
        opportunity.Currency = fields.Currency!;
        opportunity.ExpectedCloseDate = fields.ExpectedCloseDate!.Value;
        opportunity.Source = string.IsNullOrWhiteSpace(fields.Source) ? null : fields.Source.Trim();
        opportunity.OwnerId = ownerId;
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
                target.Id, target.Name, target.Kind.ToString(), target.Probability, opportunity.Amount, opportunity.Currency,
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
            opportunity.Stage.Name, opportunity.Stage.Probability, opportunity.Amount, opportunity.Currency,
            opportunity.ExpectedCloseDate, opportunity.OwnerId, opportunity.Source, opportunity.CreatedAt);

    public static OpportunityStatus StatusOf(StageKind kind) => kind switch
    {
        StageKind.Won => OpportunityStatus.Won,
        StageKind.Lost => OpportunityStatus.Lost,
        _ => OpportunityStatus.Open,
    };
}
