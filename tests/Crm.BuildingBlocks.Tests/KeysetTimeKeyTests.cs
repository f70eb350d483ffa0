using Crm.BuildingBlocks.Persistence;

namespace Crm.BuildingBlocks.Tests;

/// <summary>Instants as cursor keys: written to the tick, read back as the same instant in UTC whatever offset a client sends.</summary>
public sealed class KeysetTimeKeyTests
{
    [Fact]
    public void A_time_key_reads_back_to_the_same_tick_in_utc()
    {
        var instant = new DateTimeOffset(2026, 12, 3, 17, 4, 5, TimeSpan.Zero).AddTicks(1234567);

        var read = Keyset.ParseTimeKey(Keyset.TimeKey(instant));

        read.ShouldBe(instant);
        read.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void A_key_with_another_offset_is_read_as_the_same_instant_in_utc()
    {
        Keyset.TimeKeyParses("2026-12-03T19:04:05.0000000+02:00").ShouldBeTrue();

        var read = Keyset.ParseTimeKey("2026-12-03T19:04:05.0000000+02:00");

        read.ShouldBe(new DateTimeOffset(2026, 12, 3, 17, 4, 5, TimeSpan.Zero));
        read.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Text_that_is_no_instant_is_not_a_time_key() => Keyset.TimeKeyParses("yesterday at noon").ShouldBeFalse();
}
