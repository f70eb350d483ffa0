namespace Crm.Contracts.Sales;

/// <summary>A deal was opened with a customer, in an open stage of a pipeline.</summary>
/// <param name="Probability">The stage's win probability in percent.</param>
public sealed record OpportunityCreated(
    Guid OpportunityId,
    string Name,
    Guid CustomerId,
    Guid PipelineId,
    Guid StageId,
    string StageName,
    int Probability,
    decimal Amount,
    string Currency,
    DateOnly ExpectedCloseDate,
    Guid OwnerId,
    string? Source,
    DateTimeOffset OccurredAt);
