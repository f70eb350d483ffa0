namespace Crm.Sales.Model;

/// <summary>A deal's stay in one stage: its stage history and the time it spent there.</summary>
public class StageVisit
{
    public long Id { get; set; }
    public Guid OpportunityId { get; set; }
    public Guid StageId { get; set; }
    public required string StageName { get; set; }
    public DateTimeOffset EnteredAt { get; set; }

    /// <summary>Null while the deal is still in the stage.</summary>
    public DateTimeOffset? LeftAt { get; set; }
}
