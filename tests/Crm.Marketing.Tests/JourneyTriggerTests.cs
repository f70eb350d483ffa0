using Crm.Marketing.Journeys;
using Crm.Marketing.Model;

namespace Crm.Marketing.Tests;

public sealed class JourneyTriggerTests
{
    private static Journey With(JourneyTrigger trigger, string? match = null, string? value = null, Guid? segment = null) => new()
    {
        Name = "j", FromAddress = "a@b.c", FromName = "n", Trigger = trigger, TriggerMatch = match, TriggerValue = value, TriggerSegmentId = segment,
    };

    [Fact]
    public void A_visit_trigger_matches_urls_containing_its_text_in_any_case()
    {
        var pricing = With(JourneyTrigger.WebVisit, "/Pricing");
        JourneyTriggers.MatchesVisit(pricing, "https://shop.example/pricing?plan=pro").ShouldBeTrue();
        JourneyTriggers.MatchesVisit(pricing, "https://shop.example/about").ShouldBeFalse();
        JourneyTriggers.MatchesVisit(With(JourneyTrigger.SurveyAnswered, "/pricing"), "https://shop.example/pricing").ShouldBeFalse();
    }

    [Fact]
    public void A_survey_trigger_matches_its_survey_and_its_answer_when_it_names_one()
    {
        JourneyTriggers.MatchesSurveyAnswer(With(JourneyTrigger.SurveyAnswered, "nps"), "NPS", "3").ShouldBeTrue();
        JourneyTriggers.MatchesSurveyAnswer(With(JourneyTrigger.SurveyAnswered, "nps", "10"), "nps", "3").ShouldBeFalse();
        JourneyTriggers.MatchesSurveyAnswer(With(JourneyTrigger.SurveyAnswered, "nps", "10"), "nps", "10").ShouldBeTrue();
        JourneyTriggers.MatchesSurveyAnswer(With(JourneyTrigger.SurveyAnswered, "csat"), "nps", "10").ShouldBeFalse();
    }

    [Fact]
    public void Segment_and_tier_triggers_match_their_own_segment_and_tier()
    {
        var segment = Guid.NewGuid();
        JourneyTriggers.MatchesSegment(With(JourneyTrigger.SegmentEntered, segment: segment), segment).ShouldBeTrue();
        JourneyTriggers.MatchesSegment(With(JourneyTrigger.SegmentEntered, segment: segment), Guid.NewGuid()).ShouldBeFalse();
        JourneyTriggers.MatchesTier(With(JourneyTrigger.TierChanged, "HighValue"), "highvalue").ShouldBeTrue();
        JourneyTriggers.MatchesTier(With(JourneyTrigger.TierChanged, "HighValue"), "General").ShouldBeFalse();
    }

    [Fact]
    public void Steps_survive_the_round_trip_through_the_jsonb_column()
    {
        var journey = With(JourneyTrigger.WebVisit, "/x");
        JourneyStep[] steps = [new(JourneyStepKind.Email, Guid.NewGuid()), new(JourneyStepKind.Wait, WaitMinutes: 5), new(JourneyStepKind.Branch, IfClicked: 3)];
        journey.SetPlan(steps);
        journey.Steps.ShouldContain("\"Email\"");
        journey.Plan.ShouldBe(steps);
    }
}
