namespace Crm.Customers.Model.Valuation;

/// <summary>
/// The re-valuation of every customer: nightly (dormancy and recency move with time alone) and after the rules change.
/// Progress is stored, so a sweep that a restart interrupts carries on where it stopped; the lease lets one replica
/// run it at a time and another take over when the holder dies.
/// </summary>
public class ValueSweep
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>When the current or next sweep was asked for; a sweep is due while this is after <see cref="CompletedAt"/>.</summary>
    public DateTimeOffset? RequestedAt { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>The last customer id valued in the current sweep (ids are walked in order).</summary>
    public Guid? Cursor { get; set; }
    public long Processed { get; set; }
    public long Changed { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? LeaseHolder { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>PostgreSQL's row version: progress is recorded only by whoever read the row last.</summary>
    public uint Version { get; set; }

    public bool IsDue => RequestedAt is { } requested && (CompletedAt is not { } completed || requested > completed);
}
