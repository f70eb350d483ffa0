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
        TotalSpend = 1200m, LastPurchaseAt = Now.AddDays(-10),
    };

    private static readonly Customer QuietProspect = new()
    {
        Id = Guid.NewGuid(), Name = "Acme", Kind = "Company", Region = "APAC", Tier = "Bronze", Tags = ["newsletter"], TotalSpend = 0m,
    };

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

        rule.Matches(GoldBuyer, Now).ShouldBe(matchesGoldBuyer);
        rule.Matches(QuietProspect, Now).ShouldBe(matchesQuietProspect);
    }

    [Theory]
    [InlineData("""{"and":[{"field":"region","op":"eq","value":"EMEA"},{"field":"region","op":"like","value":"x"}]}""", "rules.and[1].op")]
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
