namespace Crm.Sales.Model;

/// <summary>An ordered set of stages deals move through; administrators define them.</summary>
public class Pipeline
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>New deals that name no pipeline go here; exactly one pipeline is the default (seeded by a migration).</summary>
    public bool IsDefault { get; set; }

    public List<Stage> Stages { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's row version (<c>xmin</c>): the ETag. Every change touches the row, stage edits included.</summary>
    public uint Version { get; set; }
}
