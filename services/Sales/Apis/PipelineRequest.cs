using Crm.Sales.Model;
using FluentValidation;

namespace Crm.Sales.Apis;

/// <summary>A pipeline's whole state: its name and its stages in order.</summary>
/// <param name="Stages">On update, a stage with an <c>id</c> keeps it (its deals stay); one without is new; a stage left out is removed.</param>
public sealed record PipelineRequest(string? Name, IReadOnlyList<StageRequest>? Stages);

/// <param name="Probability">Win probability in percent: 0–100, 100 for a won stage and 0 for a lost one.</param>
/// <param name="ForecastCategory">
/// How the stage's deals count in the forecast. Open stages: Pipeline (default), BestCase or Commit; a won stage is
/// Closed and a lost one Omitted, whatever is sent.
/// </param>
public sealed record StageRequest(Guid? Id, string? Name, int? Probability, StageKind? Kind, ForecastCategory? ForecastCategory = null)
{
    public ForecastCategory ForecastCategoryOrDefault => Kind switch
    {
        StageKind.Won => Model.ForecastCategory.Closed,
        StageKind.Lost => Model.ForecastCategory.Omitted,
        _ => ForecastCategory ?? Model.ForecastCategory.Pipeline,
    };
}

public sealed class PipelineRequestValidator : AbstractValidator<PipelineRequest>
{
    public const int MaxStages = 30;

    public PipelineRequestValidator()
    {
        RuleFor(request => request.Name).NotEmpty().MaximumLength(100);
        RuleFor(request => request.Stages).Cascade(CascadeMode.Stop).NotEmpty()
            .Must(stages => stages!.Count <= MaxStages).WithMessage($"At most {MaxStages} stages.");
        RuleForEach(request => request.Stages).NotNull().SetValidator(new StageRequestValidator());
        RuleFor(request => request.Stages)
            .Must(stages => stages!.DistinctBy(stage => stage.Name?.Trim() ?? "", StringComparer.OrdinalIgnoreCase).Count() == stages!.Count)
            .WithMessage("Stage names must differ.")
            .Must(stages => stages!.Where(stage => stage.Id is not null).DistinctBy(stage => stage.Id).Count() == stages!.Count(stage => stage.Id is not null))
            .WithMessage("A stage id may appear only once.")
            .Must(stages => Enum.GetValues<StageKind>().All(kind => stages!.Any(stage => stage.Kind == kind)))
            .WithMessage("A pipeline needs at least one open, one won and one lost stage.")
            .When(request => request.Stages is { Count: > 0 } stages && stages.All(stage => stage is not null));
    }
}

public sealed class StageRequestValidator : AbstractValidator<StageRequest>
{
    public StageRequestValidator()
    {
        RuleFor(stage => stage.Name).NotEmpty().MaximumLength(100);
        RuleFor(stage => stage.Kind).NotNull().IsInEnum();
        RuleFor(stage => stage.Probability).NotNull().InclusiveBetween(0, 100);
        RuleFor(stage => stage.Probability).Equal(100).When(stage => stage.Kind == StageKind.Won)
            .WithMessage("A won stage has probability 100.");
        RuleFor(stage => stage.Probability).Equal(0).When(stage => stage.Kind == StageKind.Lost)
            .WithMessage("A lost stage has probability 0.");
        RuleFor(stage => stage.ForecastCategory).IsInEnum()
            .Must(category => category is null or ForecastCategory.Pipeline or ForecastCategory.BestCase or ForecastCategory.Commit)
            .When(stage => stage.Kind == StageKind.Open)
            .WithMessage("An open stage's forecast category is Pipeline, BestCase or Commit.");
    }
}
