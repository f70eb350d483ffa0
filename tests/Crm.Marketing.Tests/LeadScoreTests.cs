using Crm.Marketing.Model;
using Crm.Marketing.Scoring;

namespace Crm.Marketing.Tests;

public sealed class LeadScoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(30);
    private static readonly Customer Contact = new() { Id = Guid.NewGuid(), Name = "Ada", Region = "EMEA", Tags = ["vip"] };

    private static ScoringRule Rule(string kind, int points, string? match = null, string? value = null) =>
        new() { Id = Guid.NewGuid(), Name = $"{kind} {match} {value}".Trim(), Kind = kind, Match = match, Value = value, Points = points };

    private static Behaviour Did(BehaviourKind kind, TimeSpan ago, string? url = null, string? value = null) =>
        new() { ContactId = Contact.Id, Kind = kind, Url = url, Value = value, OccurredAt = Now - ago };

    [Fact]
    public void Profile_and_fresh_behaviour_points_add_up_with_their_reasons()
    {
        var (score, reasons) = LeadScore.Compute(Contact,
            [Did(BehaviourKind.Clicked, TimeSpan.Zero, "https://shop.example/offer"), Did(BehaviourKind.Visited, TimeSpan.Zero, "https://shop.example/pricing")],
            [Rule("Profile", 10, "region", "emea"), Rule("Profile", 5, "tag", "VIP"), Rule("Clicked", 20), Rule("Visited", 30, "/pricing"), Rule("Visited", 99, "/careers")],
            Now, HalfLife);

        score.ShouldBe(65);
        reasons.ShouldBe(["Profile region emea (+10)", "Profile tag VIP (+5)", "Clicked (+20)", "Visited /pricing (+30)"]);
    }

    [Fact]
    public void Behaviour_points_halve_every_half_life_and_profile_points_do_not_decay()
    {
        var rules = new[] { Rule("Profile", 10, "region", "EMEA"), Rule("Opened", 40) };

        LeadScore.Compute(Contact, [Did(BehaviourKind.Opened, HalfLife)], rules, Now, HalfLife).Score.ShouldBe(30);
        LeadScore.Compute(Contact, [Did(BehaviourKind.Opened, HalfLife * 2)], rules, Now, HalfLife).Score.ShouldBe(20);
        LeadScore.Compute(Contact, [], rules, Now, HalfLife).Score.ShouldBe(10);
    }

    [Fact]
    public void A_survey_rule_counts_only_the_answer_it_names()
    {
        var rules = new[] { Rule("SurveyAnswered", 25, "9") };

        LeadScore.Compute(Contact, [Did(BehaviourKind.SurveyAnswered, TimeSpan.Zero, value: "9")], rules, Now, HalfLife).Score.ShouldBe(25);
        LeadScore.Compute(Contact, [Did(BehaviourKind.SurveyAnswered, TimeSpan.Zero, value: "3")], rules, Now, HalfLife).Score.ShouldBe(0);
    }
}
