namespace Crm.Marketing.Model;

/// <summary>A saved audience: a JSON rule tree (see <see cref="Segments.SegmentRule"/>) evaluated against contacts.</summary>
public class Segment
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The rule tree as the client sent it (validated), kept as jsonb.</summary>
    public required string Rules { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
