using Crm.Sales.Model;

namespace Crm.Sales.Tests;

public sealed class LeadAssignmentChoiceTests
{
    private static readonly Guid A = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = new("00000000-0000-0000-0000-00000000000c");

    [Fact]
    public void Turns_go_round_the_reps_in_id_order_whatever_order_they_come_in()
    {
        Guid? last = null;
        var picked = new List<Guid>();
        for (var turn = 0; turn < 5; turn++)
        {
            last = LeadAssignmentChoice.NextInTurn([C, A, B], last);
            picked.Add(last!.Value);
        }

        picked.ShouldBe([A, B, C, A, B]);
    }

    [Fact]
    public void A_rep_who_left_the_turn_hands_it_to_the_next_one_after_them()
    {
        LeadAssignmentChoice.NextInTurn([A, C], last: B).ShouldBe(C);
        LeadAssignmentChoice.NextInTurn([A, B], last: C).ShouldBe(A);
    }

    [Fact]
    public void Nobody_to_assign_is_null()
    {
        LeadAssignmentChoice.NextInTurn([], last: A).ShouldBeNull();
    }

    [Theory]
    [InlineData(null, null, "EMEA", "Web", true)]
    [InlineData("emea", null, " EMEA ", "Web", true)]
    [InlineData("EMEA", "Web", "EMEA", "web", true)]
    [InlineData("EMEA", "Web", "EMEA", "Fair", false)]
    [InlineData("APAC", null, "EMEA", "Web", false)]
    [InlineData("EMEA", null, null, "Web", false)]
    public void A_rule_matches_when_its_region_and_source_are_left_out_or_equal(
        string? ruleRegion, string? ruleSource, string? region, string? source, bool matches)
    {
        var rule = new LeadAssignmentRule { Name = "rule", Region = ruleRegion, Source = ruleSource, TeamId = A };

        LeadAssignmentChoice.Matches(rule, region, source).ShouldBe(matches);
    }
}
