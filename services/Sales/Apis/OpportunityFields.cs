namespace Crm.Sales.Apis;

/// <summary>
/// What a client may set on an opportunity, on create and on update. The stage, status, won/lost dates and lost reason
/// change only by moving the stage; anything else a client sends is ignored (no mass assignment).
/// </summary>
public interface IOpportunityFields
{
    string? Name { get; }
    Guid? CustomerId { get; }
    decimal? Amount { get; }
    string? Currency { get; }
    DateOnly? ExpectedCloseDate { get; }
    string? Source { get; }
    Guid? OwnerId { get; }

    /// <summary>A win probability (0–100) that overrides the stage's; left out, the current one stays.</summary>
    int? Probability { get; }
}
