using System.Diagnostics;
using Crm.Marketing.Sending;

namespace Crm.Marketing.Tests;

public sealed class SendPacerTests
{
    [Theory]
    [InlineData(30, 1)]
    [InlineData(600, 1)]
    [InlineData(6_000, 10)]
    [InlineData(600_000, 20)]
    public void A_chunk_holds_what_the_rate_allows_in_a_tenth_of_a_second_at_least_one_at_most_the_setting(int ratePerMinute, int expected) =>
        new SendPacer(ratePerMinute, TimeProvider.System).ChunkSize(20).ShouldBe(expected);

    [Fact]
    public async Task Connections_sharing_a_pacer_together_keep_to_the_rate()
    {
        // 600 a minute: one every 100 ms, so 6 mails from three connections take at least 500 ms.
        var pacer = new SendPacer(600, TimeProvider.System);
        var watch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await pacer.WaitForTurnAsync(1, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
            await pacer.WaitForTurnAsync(1, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        }));

        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(490));
    }

    [Fact]
    public async Task An_idle_pacer_does_not_save_up_slots_for_a_burst()
    {
        var pacer = new SendPacer(600, TimeProvider.System);
        await pacer.WaitForTurnAsync(1, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var watch = Stopwatch.StartNew();

        await pacer.WaitForTurnAsync(1, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        await pacer.WaitForTurnAsync(1, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(90), "the second of two mails after a pause still waits its gap");
    }

    [Fact]
    public async Task A_slot_further_away_than_the_caller_may_wait_is_not_taken()
    {
        // One a minute: the first mail goes now, the next slot is a minute away.
        var pacer = new SendPacer(1, TimeProvider.System);
        (await pacer.WaitForTurnAsync(1, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBeTrue();

        (await pacer.WaitForTurnAsync(1, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBeFalse();
        (await pacer.WaitForTurnAsync(1, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBeFalse("a refused wait reserves nothing");
    }
}
