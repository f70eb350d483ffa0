namespace Crm.Support.Model;

/// <summary>An administrator's rule: new tickets of a category go to a team and, by the strategy, to one of its agents.</summary>
public class AssignmentRule
{
    public required string Category { get; set; }
    public Guid TeamId { get; set; }
    public AssignmentStrategy Strategy { get; set; }

    /// <summary>Who got the rule's latest ticket: round-robin goes on after them.</summary>
    public Guid? LastAssigneeId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}
