using Crm.Marketing.Journeys;
using Crm.Marketing.Model;

namespace Crm.Marketing.Tests;

public sealed class JourneyPlanTests
{
    private static readonly Guid Welcome = Guid.NewGuid();
    private static readonly Guid Thanks = Guid.NewGuid();
    private static readonly Guid Reminder = Guid.NewGuid();

    // 0 mail, 1 wait, 2 branch (clicked → 3, otherwise → 5), 3 thanks, 4 jump to the end, 5 reminder.
    private static readonly JourneyStep[] Nurture =
    [
        new(JourneyStepKind.Email, Welcome),
        new(JourneyStepKind.Wait, WaitMinutes: 60),
        new(JourneyStepKind.Branch, IfClicked: 3, Otherwise: 5),
        new(JourneyStepKind.Email, Thanks),
        new(JourneyStepKind.Branch, Otherwise: 6),
        new(JourneyStepKind.Email, Reminder),
    ];

    [Fact]
    public void A_well_formed_plan_has_no_problems() => JourneyPlan.Problems(Nurture).ShouldBeEmpty();

    [Theory]
    [InlineData(MailOutcome.Clicked, 3)]
    [InlineData(MailOutcome.Opened, 5)]
    [InlineData(MailOutcome.Neither, 5)]
    public void A_branch_picks_its_target_by_what_the_person_did_with_the_previous_mail(MailOutcome outcome, int expected) =>
        JourneyPlan.Next(Nurture, 2, outcome).ShouldBe(expected);

    [Fact]
    public void Unset_branch_targets_fall_back_from_clicked_to_opened_to_otherwise_to_the_next_step()
    {
        JourneyStep[] steps = [new(JourneyStepKind.Email, Welcome), new(JourneyStepKind.Branch, IfOpened: 3), new(JourneyStepKind.Email, Reminder)];
        JourneyPlan.Next(steps, 1, MailOutcome.Clicked).ShouldBe(3, "a click is an open too");
        JourneyPlan.Next(steps, 1, MailOutcome.Neither).ShouldBe(2);
        JourneyPlan.Next(Nurture, 4, MailOutcome.Clicked).ShouldBe(6, "otherwise alone is a jump, here to the end");
        JourneyPlan.Next(Nurture, 0, MailOutcome.Clicked).ShouldBe(1, "only branches jump");
    }

    [Fact]
    public void Branches_only_go_forward_and_steps_carry_what_their_kind_needs()
    {
        JourneyStep[] steps =
        [
            new(JourneyStepKind.Branch, Otherwise: 2),
            new(JourneyStepKind.Email),
            new(JourneyStepKind.Wait, WaitMinutes: 0),
            new(JourneyStepKind.Branch, IfClicked: 3, IfOpened: 9),
            new(null),
        ];
        var fields = JourneyPlan.Problems(steps).Select(problem => problem.Field).ToList();
        fields.ShouldBe(
            ["steps[0].kind", "steps[1].templateId", "steps[2].waitMinutes", "steps[3].ifClicked", "steps[3].ifOpened", "steps[4].kind"], ignoreOrder: true);
        JourneyPlan.Problems([]).Single().Field.ShouldBe("steps");
        JourneyPlan.Problems([new(JourneyStepKind.Wait, WaitMinutes: 5)]).ShouldContain(problem => problem.Message.Contains("email step"));
    }

    [Fact]
    public void Editing_a_running_journey_may_change_contents_and_add_steps_but_not_remove_or_reorder_steps_people_are_walking()
    {
        int[] waitingAfterTheFirstMail = [2];
        var editedContents = Nurture.Select(step => step with { WaitMinutes = step.WaitMinutes is null ? null : 120 }).ToArray();
        JourneyPlan.Strands(Nurture, editedContents, waitingAfterTheFirstMail).ShouldBeNull();
        JourneyPlan.Strands(Nurture, [.. Nurture, new(JourneyStepKind.Email, Welcome)], waitingAfterTheFirstMail).ShouldBeNull();

        JourneyPlan.Strands(Nurture, Nurture[..2], waitingAfterTheFirstMail).ShouldNotBeNull().ShouldContain("step 2");
        JourneyPlan.Strands(Nurture, [Nurture[1], Nurture[0], .. Nurture[2..]], waitingAfterTheFirstMail).ShouldNotBeNull().ShouldContain("Step 0");

        JourneyPlan.Strands(Nurture, Nurture[..1], []).ShouldBeNull("nobody is on the journey");
        JourneyPlan.Strands(Nurture, [.. Nurture[..3], Nurture[5]], [6]).ShouldBeNull("people at the end only finish");
    }
}
