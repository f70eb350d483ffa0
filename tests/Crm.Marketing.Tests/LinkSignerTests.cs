using Crm.BuildingBlocks.Security;

namespace Crm.Marketing.Tests;

public sealed class LinkSignerTests
{
    private static LinkSigner WithKey(string key) => new(key, "Marketing:SigningKey");

    private readonly LinkSigner tokens = WithKey("a-test-key-of-enough-length-123");

    [Fact]
    public void A_signed_token_verifies_and_gives_back_its_payload()
    {
        tokens.TryVerify("unsubscribe", tokens.Sign("unsubscribe", "contact|campaign"), out var payload).ShouldBeTrue();
        payload.ShouldBe("contact|campaign");
    }

    [Fact]
    public void A_token_for_another_purpose_or_key_or_with_an_edited_payload_is_refused()
    {
        var token = tokens.Sign("unsubscribe", "contact|campaign");
        var edited = tokens.Sign("unsubscribe", "other|campaign").Split('.')[0] + "." + token.Split('.')[1];

        tokens.TryVerify("click", token, out _).ShouldBeFalse();
        WithKey("another-key-of-enough-length-456").TryVerify("unsubscribe", token, out _).ShouldBeFalse();
        tokens.TryVerify("unsubscribe", edited, out _).ShouldBeFalse();
        tokens.TryVerify("unsubscribe", "garbage", out _).ShouldBeFalse();
        tokens.TryVerify("unsubscribe", "!!!.???", out _).ShouldBeFalse();
    }

    [Fact]
    public void A_short_key_is_refused_at_start() =>
        Should.Throw<InvalidOperationException>(() => WithKey("short"));
}
