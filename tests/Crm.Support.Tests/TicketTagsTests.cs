using Crm.Support.Model;

namespace Crm.Support.Tests;

public sealed class TicketTagsTests
{
    [Theory]
    [InlineData("VIP", "vip")]
    [InlineData("  Billing   Issue ", "billing-issue")]
    [InlineData("v2.1_beta", "v2.1_beta")]
    [InlineData("Größe", "größe")]
    public void A_tag_is_kept_lower_case_with_hyphens_for_spaces(string given, string stored) =>
        TicketTags.Normalise(given).ShouldBe(stored);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<script>")]
    [InlineData("-leading-hyphen")]
    [InlineData("semi;colon")]
    public void A_tag_of_nothing_or_other_characters_is_refused(string given) =>
        TicketTags.Normalise(given).ShouldBeNull();

    [Fact]
    public void A_tag_may_be_forty_characters_long_but_no_longer()
    {
        TicketTags.Normalise(new string('a', TicketTags.MaxLength)).ShouldBe(new string('a', 40));
        TicketTags.Normalise(new string('a', TicketTags.MaxLength + 1)).ShouldBeNull();
    }

    [Fact]
    public void Spellings_of_one_tag_are_stored_once_in_order() =>
        TicketTags.NormaliseAll(["Billing Issue", "vip", "billing-issue", "VIP", "angry"]).ShouldBe(["angry", "billing-issue", "vip"]);
}
