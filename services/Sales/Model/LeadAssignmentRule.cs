namespace Crm.Sales.Model;

/// <summary>
/// An administrator's rule for who gets a new lead nobody named an owner for: rules are tried by
/// <see cref="Position"/>; the first whose region and source match (null matches anything) and that yields an active
/// rep wins. It names one rep, or a team whose active reps take turns (the turn is a <see cref="LeadAssignmentTurn"/>).
/// </summary>
public class LeadAssignmentRule
{
    public Guid Id { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public string? Region { get; set; }
    public string? Source { get; set; }
    public Guid? TeamId { get; set; }
    public Guid? UserId { get; set; }

    /// <summary>PostgreSQL's row version (<c>xmin</c>): the ETag, so an administrator's stale edit is refused.</summary>
    public uint Version { get; set; }
}
