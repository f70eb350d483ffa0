using System.Text.Json.Nodes;
using Crm.Marketing.Model;
using Crm.Marketing.Model.Segments;

namespace Crm.Marketing.Tests;

public sealed class SegmentRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly Customer GoldBuyer = new()
    {
        Id = Guid.NewGuid(), Name = "Ada Lovelace", Kind = "Person", Region = "EMEA", Tier = "Gold", Tags = ["vip", "newsletter"],
        TotalSpend = 1200m, LastPurchaseAt = Now.AddDays(-10), LeadScore = 45,
    };

    private static readonly Customer QuietProspect = new()
    {
        Id = Guid.NewGuid(), Name = "Acme", Kind = "Company", Region = "APAC", Tier = "Bronze", Tags = ["newsletter"], TotalSpend = 0m,
        Consent = ConsentState.Unsubscribed,
    };

    private static readonly Guid SpringCampaign = Guid.NewGuid();

    /// <summary>GoldBuyer clicked the spring campaign 3 days ago and answered the NPS survey 40 days ago; QuietProspect did nothing.</summary>
    private static readonly List<Behaviour> History =
    [
        new() { ContactId = GoldBuyer.Id, Kind = BehaviourKind.Clicked, CampaignId = SpringCampaign, Url = "https://shop.example/spring", OccurredAt = Now.AddDays(-3) },
        new() { ContactId = GoldBuyer.Id, Kind = BehaviourKind.SurveyAnswered, SurveyId = "nps", Value = "10", OccurredAt = Now.AddDays(-40) },
    ];

    /// <summary>The same predicate the database runs, compiled and run over objects in memory.</summary>
    private static bool Matches(SegmentRule rule, Customer contact) =>
        rule.ToPredicate(new SegmentSources(History.AsQueryable(), Now)).Compile()(contact);

    private static SegmentRule Parse(string json)
    {
        var errors = new Dictionary<string, string[]>();
        var rule = SegmentRuleParser.Parse(JsonNode.Parse(json), "rules", errors);
        errors.ShouldBeEmpty();
        return rule.ShouldNotBeNull();
    }

    private static Dictionary<string, string[]> ErrorsOf(string json)
    {
        var errors = new Dictionary<string, string[]>();
        SegmentRuleParser.Parse(JsonNode.Parse(json), "rules", errors).ShouldBeNull();
        return errors;
    }

    [Theory]
    [InlineData("""{"field":"region","op":"eq","value":"emea"}""", true, false)]
    [InlineData("""{"field":"tier","op":"in","value":["Gold","Silver"]}""", true, false)]
    [InlineData("""{"field":"tags","op":"contains","value":"newsletter"}""", true, true)]
    [InlineData("""{"field":"tags","op":"notContains","value":["vip"]}""", false, true)]
    [InlineData("""{"field":"totalSpend","op":"gte","value":1000}""", true, false)]
    [InlineData("""{"field":"lastPurchase","op":"withinDays","value":30}""", true, false)]
    [InlineData("""{"field":"lastPurchase","op":"notWithinDays","value":5}""", true, true)]
    [InlineData("""{"and":[{"field":"tags","op":"contains","value":"newsletter"},{"not":{"field":"region","op":"eq","value":"APAC"}}]}""", true, false)]
    [InlineData("""{"or":[{"field":"tier","op":"eq","value":"Bronze"},{"field":"totalSpend","op":"gt","value":5000}]}""", false, true)]
    public void Rules_select_the_contacts_they_describe(string json, bool matchesGoldBuyer, bool matchesQuietProspect)
    {
        var rule = Parse(json);

        Matches(rule, GoldBuyer).ShouldBe(matchesGoldBuyer);
        Matches(rule, QuietProspect).ShouldBe(matchesQuietProspect);
    }

    [Theory]
    [InlineData("""{"behaviour":"clicked","days":7}""", true, false)]
    [InlineData("""{"behaviour":"clicked","days":2}""", false, false)]
    [InlineData("""{"behaviour":"opened"}""", false, false)]
    [InlineData("""{"behaviour":"answered","survey":"nps","value":"10"}""", true, false)]
    [InlineData("""{"behaviour":"answered","survey":"nps","value":"10","days":30}""", false, false)]
    [InlineData("""{"behaviour":"answered","survey":"nps","value":"3"}""", false, false)]
    [InlineData("""{"not":{"behaviour":"clicked","days":30}}""", false, true)]
    [InlineData("""{"field":"leadScore","op":"gte","value":40}""", true, false)]
    [InlineData("""{"field":"consent","op":"eq","value":"optedin"}""", true, false)]
    public void Behaviour_score_and_consent_conditions_select_who_did_what(string json, bool matchesGoldBuyer, bool matchesQuietProspect)
    {
        var rule = Parse(json);

        Matches(rule, GoldBuyer).ShouldBe(matchesGoldBuyer);
        Matches(rule, QuietProspect).ShouldBe(matchesQuietProspect);
    }

    [Fact]
    public void A_click_condition_can_name_the_campaign()
    {
        Matches(Parse($$"""{"behaviour":"clicked","campaignId":"{{SpringCampaign}}","days":7}"""), GoldBuyer).ShouldBeTrue();
        Matches(Parse($$"""{"behaviour":"clicked","campaignId":"{{Guid.NewGuid()}}"}"""), GoldBuyer).ShouldBeFalse();
    }

    [Theory]
    [InlineData("""{"field":"region","op":"eq","value":"EMEA"}""", false)]
    [InlineData("""{"behaviour":"opened"}""", false)]
    [InlineData("""{"and":[{"field":"region","op":"eq","value":"EMEA"},{"not":{"behaviour":"visited","url":"*/pricing*","days":14}}]}""", true)]
    [InlineData("""{"field":"lastPurchase","op":"withinDays","value":30}""", true)]
    public void Rules_that_look_back_a_number_of_days_are_known_to_need_a_recheck(string json, bool hasTimeWindow) =>
        Parse(json).HasTimeWindow.ShouldBe(hasTimeWindow);

    [Theory]
    [InlineData("*/pricing*", "%/pricing%")]
    [InlineData("https://shop.example/100%_off", "https://shop.example/100\\%\\_off")]
    [InlineData("C:\\path", "C:\\\\path")]
    public void Page_patterns_become_like_patterns_whose_own_wildcards_are_literal(string pattern, string like) =>
        UrlPatterns.ToLike(pattern).ShouldBe(like);

    [Theory]
    [InlineData("""{"and":[{"field":"region","op":"eq","value":"EMEA"},{"field":"region","op":"like","value":"x"}]}""", "rules.and[1].op")]
    [InlineData("""{"and":[{"field":"region","op":"eq","value":"EMEA"},{"behaviour":"clicked","days":0}]}""", "rules.and[1].days")]
    [InlineData("""{"or":[{"behaviour":"bought"}]}""", "rules.or[0].behaviour")]
    [InlineData("""{"behaviour":"visited","days":3}""", "rules.url")]
    [InlineData("""{"behaviour":"answered","value":"10"}""", "rules.survey")]
    [InlineData("""{"behaviour":"opened","campaignId":"not-an-id"}""", "rules.campaignId")]
    [InlineData("""{"behaviour":"opened","url":"*"}""", "rules.url")]
    [InlineData("""{"field":"consent","op":"eq","value":"maybe"}""", "rules.value")]
    [InlineData("""{"or":[]}""", "rules.or")]
    [InlineData("""{"not":{"field":"shoeSize","op":"eq","value":"42"}}""", "rules.not.field")]
    [InlineData("""{"field":"totalSpend","op":"gt","value":"lots"}""", "rules.value")]
    [InlineData("""{"field":"lastPurchase","op":"withinDays","value":0}""", "rules.value")]
    [InlineData("""[1,2]""", "rules")]
    public void A_bad_node_is_reported_by_its_path(string json, string path) =>
        ErrorsOf(json).Keys.ShouldContain(path);

    [Fact]
    public void A_tree_deeper_than_the_limit_is_refused()
    {
        var json = string.Concat(Enumerable.Repeat("{\"not\":", SegmentRuleParser.MaxDepth)) + """{"field":"region","op":"eq","value":"EMEA"}""" + new string('}', SegmentRuleParser.MaxDepth);

        ErrorsOf(json).Values.SelectMany(messages => messages).ShouldContain(message => message.Contains("levels deep"));
    }
}
