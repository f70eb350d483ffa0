using FluentValidation;

namespace Crm.Sales.Apis;

/// <param name="OwnerId">Only this owner's deals (within what the caller may see).</param>
/// <param name="TeamId">Only deals owned by members of this team (within what the caller may see).</param>
/// <param name="CardsPerStage">How many deals each column lists, soonest expected close first (0–50, default 10).</param>
public sealed record BoardQuery(Guid? OwnerId, Guid? TeamId, int? CardsPerStage)
{
    public const int MaxCardsPerStage = 50;

    public int CardsPerStageOrDefault => CardsPerStage ?? 10;
}

public sealed class BoardQueryValidator : AbstractValidator<BoardQuery>
{
    public BoardQueryValidator() => RuleFor(query => query.CardsPerStage).InclusiveBetween(0, BoardQuery.MaxCardsPerStage);
}
