namespace Crm.Sales.Model;

/// <summary>A column of a pipeline.</summary>
public class Stage
{
    public Guid Id { get; set; }
    public Guid PipelineId { get; set; }
    public required string Name { get; set; }

    /// <summary>Order within the pipeline, from 0.</summary>
    public int Position { get; set; }

    /// <summary>Win probability in percent (0–100); a deal's weighted amount is its amount times this.</summary>
    public int Probability { get; set; }

    public StageKind Kind { get; set; }

    /// <summary>How its deals count in the forecast; won stages are closed, lost ones omitted.</summary>
    public ForecastCategory ForecastCategory { get; set; }
}
