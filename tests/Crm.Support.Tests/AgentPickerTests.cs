using Crm.Support.Model;

namespace Crm.Support.Tests;

public sealed class AgentPickerTests
{
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("00000000-0000-0000-0000-00000000000c");

    [Fact]
    public void Round_robin_goes_on_after_the_previous_assignee_and_wraps_around()
    {
        (Guid, int)[] team = [(C, 0), (A, 5), (B, 1)];

        AgentPicker.Pick(AssignmentStrategy.RoundRobin, team, lastAssigneeId: null).ShouldBe(A);
        AgentPicker.Pick(AssignmentStrategy.RoundRobin, team, A).ShouldBe(B);
        AgentPicker.Pick(AssignmentStrategy.RoundRobin, team, B).ShouldBe(C);
        AgentPicker.Pick(AssignmentStrategy.RoundRobin, team, C).ShouldBe(A);
    }

    [Fact]
    public void Round_robin_continues_after_an_assignee_who_is_no_longer_a_candidate()
    {
        // B was deactivated after getting the previous ticket: C is next.
        AgentPicker.Pick(AssignmentStrategy.RoundRobin, [(A, 0), (C, 0)], B).ShouldBe(C);
    }

    [Fact]
    public void Least_open_takes_the_agent_with_fewest_unresolved_tickets_and_the_lowest_id_on_a_tie()
    {
        AgentPicker.Pick(AssignmentStrategy.LeastOpen, [(A, 3), (B, 1), (C, 2)], null).ShouldBe(B);
        AgentPicker.Pick(AssignmentStrategy.LeastOpen, [(C, 1), (B, 1), (A, 4)], A).ShouldBe(B);
    }

    [Fact]
    public void A_team_without_active_agents_gets_no_assignee()
    {
        AgentPicker.Pick(AssignmentStrategy.RoundRobin, [], A).ShouldBeNull();
        AgentPicker.Pick(AssignmentStrategy.LeastOpen, [], null).ShouldBeNull();
    }
}
