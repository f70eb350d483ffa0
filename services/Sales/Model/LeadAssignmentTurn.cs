namespace Crm.Sales.Model;

/// <summary>
/// A team rule's round-robin state, kept apart from the rule so that handing out a lead never changes the rule's ETag:
/// an administrator's edit based on the rule as read stays valid however many leads it assigned meanwhile.
/// </summary>
public class LeadAssignmentTurn
{
    public Guid RuleId { get; set; }

    /// <summary>The rep of the team who got the previous lead. Changed under a row lock.</summary>
    public Guid? LastAssignedUserId { get; set; }
}
