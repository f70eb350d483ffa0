namespace Crm.Sales.Model;

/// <summary>A deal with a customer, moving through the stages of a pipeline.</summary>
public class Opportunity : IOwnedByRep
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid CustomerId { get; set; }
    public Guid PipelineId { get; set; }
    public Guid StageId { get; set; }
    public Stage Stage { get; set; } = null!;
    public decimal Amount { get; set; }

    /// <summary>A rep's own win probability (0–100); it replaces the stage's until reset, and won or lost clears it.</summary>
    public int? ProbabilityOverride { get; set; }

    /// <summary>The lead this deal was converted from.</summary>
    public Guid? LeadId { get; set; }

    /// <summary>ISO 4217 code such as EUR.</summary>
    public required string Currency { get; set; }

    public DateOnly ExpectedCloseDate { get; set; }

    /// <summary>The user responsible; only they, their team's manager and administrators see the deal.</summary>
    public Guid OwnerId { get; set; }

    public string? Source { get; set; }
    public OpportunityStatus Status { get; set; }
    public string? LostReason { get; set; }
    public string? Competitor { get; set; }
    public DateTimeOffset? WonAt { get; set; }
    public DateTimeOffset? LostAt { get; set; }

    /// <summary>When the deal entered its current stage (time in stage).</summary>
    public DateTimeOffset StageChangedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<StageVisit> StageHistory { get; set; } = [];

    /// <summary>The win probability in force: the override, or else the stage's.</summary>
    public int Probability => ProbabilityOverride ?? Stage.Probability;

    /// <summary>PostgreSQL's row version (<c>xmin</c>): the ETag, so a stale edit or stage move is refused.</summary>
    public uint Version { get; set; }
}
