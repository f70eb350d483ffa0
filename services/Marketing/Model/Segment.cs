namespace Crm.Marketing.Model;

/// <summary>
/// A saved audience: a JSON rule tree (see <see cref="Segments.SegmentRule"/>) whose members are kept live in
/// <see cref="Segments.SegmentMembership"/> as contacts change.
/// </summary>
public class Segment
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The rule tree as the client sent it (validated), kept as jsonb.</summary>
    public required string Rules { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Counts edits of name and rules; the ETag, so two marketers cannot overwrite each other. Not xmin: re-evaluating
    /// the membership also writes the row and must not make a marketer's copy stale.
    /// </summary>
    public uint Version { get; set; }

    /// <summary>When the whole membership was last recomputed from the rules.</summary>
    public DateTimeOffset? EvaluatedAt { get; set; }

    /// <summary>
    /// For rules that look back "in the last N days": when the membership is next recomputed, because contacts leave such
    /// a segment by time passing, without any event. Null for rules that only change with the contact.
    /// </summary>
    public DateTimeOffset? RecheckAt { get; set; }
}
