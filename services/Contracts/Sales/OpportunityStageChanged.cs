namespace Crm.Contracts.Sales;

/// <summary>
/// A deal moved from one stage to another (possibly into another pipeline). Moves into a won or lost stage are
/// followed by <see cref="OpportunityWon"/> or <see cref="OpportunityLost"/>.
/// </summary>
/// <param name="Probability">The new stage's win probability in percent.</param>
public sealed record OpportunityStageChanged(
    Guid OpportunityId,
    Guid CustomerId,
    Guid PipelineId,
    Guid FromStageId,
    string FromStageName,
    Guid ToStageId,
    string ToStageName,
    string ToStageKind,
    int Probability,
    decimal Amount,
    string Currency,
    Guid OwnerId,
    DateTimeOffset OccurredAt);
