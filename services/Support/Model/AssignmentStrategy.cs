namespace Crm.Support.Model;

/// <summary>How a rule picks the agent within its team.</summary>
public enum AssignmentStrategy
{
    /// <summary>Each active agent in turn (ordered by id), after the one who got the previous ticket.</summary>
    RoundRobin,

    /// <summary>The active agent with the fewest unresolved tickets; ties go to the lowest id.</summary>
    LeastOpen,
}
