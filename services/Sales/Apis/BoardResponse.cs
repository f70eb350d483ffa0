using Crm.Sales.Model;

namespace Crm.Sales.Apis;

/// <summary>A pipeline grouped by stage: what the caller may see of it.</summary>
public sealed record BoardResponse(Guid PipelineId, string Name, IReadOnlyList<BoardColumn> Stages);

/// <param name="Totals">
/// Per currency (amounts in different currencies are never added up): the sum of the amounts and the weighted
/// amount, the sum of each amount times its deal's probability (the stage's unless overridden).
/// </param>
public sealed record BoardColumn(
    Guid StageId,
    string Name,
    StageKind Kind,
    int Probability,
    int Count,
    IReadOnlyList<CurrencyTotal> Totals,
    IReadOnlyList<BoardCard> Cards);

public sealed record CurrencyTotal(string Currency, decimal Amount, decimal WeightedAmount);

public sealed record BoardCard(Guid Id, string Name, Guid CustomerId, decimal Amount, string Currency, DateOnly ExpectedCloseDate, Guid OwnerId);
