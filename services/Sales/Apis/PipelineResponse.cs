using Crm.Sales.Model;

namespace Crm.Sales.Apis;

public sealed record PipelineResponse(
    Guid Id,
    string Name,
    bool IsDefault,
    IReadOnlyList<StageResponse> Stages,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PipelineResponse From(Pipeline pipeline) => new(
        pipeline.Id, pipeline.Name, pipeline.IsDefault,
        [.. pipeline.Stages.OrderBy(stage => stage.Position).Select(StageResponse.From)],
        pipeline.CreatedAt, pipeline.UpdatedAt);
}

public sealed record StageResponse(Guid Id, string Name, int Position, int Probability, StageKind Kind, ForecastCategory ForecastCategory)
{
    public static StageResponse From(Stage stage) =>
        new(stage.Id, stage.Name, stage.Position, stage.Probability, stage.Kind, stage.ForecastCategory);
}
