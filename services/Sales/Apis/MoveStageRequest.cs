using FluentValidation;

namespace Crm.Sales.Apis;

/// <param name="StageId">The target stage; a stage of another pipeline moves the deal to that pipeline.</param>
/// <param name="LostReason">Required when the target stage is a lost one.</param>
/// <param name="Competitor">Who won instead, when the target stage is a lost one.</param>
public sealed record MoveStageRequest(Guid? StageId, string? LostReason, string? Competitor);

public sealed class MoveStageRequestValidator : AbstractValidator<MoveStageRequest>
{
    public MoveStageRequestValidator()
    {
        RuleFor(request => request.StageId).NotNull().NotEqual(Guid.Empty);
        RuleFor(request => request.LostReason).MaximumLength(500);
        RuleFor(request => request.Competitor).MaximumLength(200);
    }
}
