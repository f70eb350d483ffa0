namespace Crm.Support.Model;

/// <summary>Picks the agent for a ruled ticket. Pure, so the rotation and the tie-breaks are tested alone.</summary>
public static class AgentPicker
{
    /// <param name="candidates">The team's active agents with their unresolved ticket counts.</param>
    /// <param name="lastAssigneeId">Who got the rule's previous ticket (may have left the team since).</param>
    /// <returns>Null when the team has no active agent: the ticket waits in the team's queue.</returns>
    public static Guid? Pick(AssignmentStrategy strategy, IReadOnlyCollection<(Guid AgentId, int OpenTickets)> candidates, Guid? lastAssigneeId)
    {
        if (candidates.Count == 0)
        {
            return null;
        }

        var ordered = candidates.OrderBy(c => c.AgentId).ToList();
        if (strategy == AssignmentStrategy.LeastOpen)
        {
            return ordered.MinBy(c => c.OpenTickets).AgentId;
        }

        // The next id after the previous assignee's, wrapping around; that works even if they left the team.
        var next = lastAssigneeId is { } last ? ordered.FindIndex(c => c.AgentId.CompareTo(last) > 0) : -1;
        return ordered[next < 0 ? 0 : next].AgentId;
    }
}
