using Crm.Support.Model;

namespace Crm.Support.Tests;

/// <summary>
/// Working-time math with expected values worked out by hand. November 2026: Monday the 23rd, Friday the 27th, Monday
/// the 30th. Berlin is UTC+1 in winter and UTC+2 in summer time, which ends on Sunday 25 October 2026; New York is UTC-5
/// in winter.
/// </summary>
public sealed class BusinessClockTests
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static readonly BusinessClock Berlin = Clock("Europe/Berlin", OfficeHours(9, 17), new DateOnly(2026, 12, 25));

    [Theory]
    [InlineData("2026-11-23T10:00:00+01:00", 4, "2026-11-23T14:00:00+01:00")] // within one day
    [InlineData("2026-11-23T09:00:00+01:00", 8, "2026-11-23T17:00:00+01:00")] // ends exactly at closing, not next morning
    [InlineData("2026-11-23T07:00:00+01:00", 1, "2026-11-23T10:00:00+01:00")] // before opening: counts from 09:00
    [InlineData("2026-11-23T18:30:00+01:00", 1, "2026-11-24T10:00:00+01:00")] // after closing: next morning
    [InlineData("2026-11-27T15:00:00+01:00", 4, "2026-11-30T11:00:00+01:00")] // Friday 2 h, weekend skipped, Monday 2 h
    [InlineData("2026-11-28T12:00:00+01:00", 1, "2026-11-30T10:00:00+01:00")] // starts on a Saturday
    [InlineData("2026-11-23T10:00:00+01:00", 40, "2026-11-30T10:00:00+01:00")] // a working week of 5 × 8 h
    public void Adding_working_time_skips_nights_and_weekends(string start, int hours, string expected) =>
        Berlin.Add(DateTimeOffset.Parse(start), TimeSpan.FromHours(hours)).ShouldBe(DateTimeOffset.Parse(expected));

    [Fact]
    public void A_holiday_has_no_working_time()
    {
        // Thursday 24 Dec 16:00: one hour that day, Friday 25th a holiday, the weekend, then Monday 28th from 09:00.
        Berlin.Add(DateTimeOffset.Parse("2026-12-24T16:00:00+01:00"), TimeSpan.FromHours(2))
            .ShouldBe(DateTimeOffset.Parse("2026-12-28T10:00:00+01:00"));
        Berlin.Elapsed(DateTimeOffset.Parse("2026-12-24T09:00:00+01:00"), DateTimeOffset.Parse("2026-12-28T09:00:00+01:00"))
            .ShouldBe(TimeSpan.FromHours(8));
    }

    [Fact]
    public void Hours_are_local_to_the_calendars_time_zone()
    {
        var newYork = Clock("America/New_York", OfficeHours(9, 17));
        // 13:00 UTC is 08:00 in New York, before opening: 09:00–10:00 local is 14:00–15:00 UTC.
        newYork.Add(DateTimeOffset.Parse("2026-11-23T13:00:00Z"), TimeSpan.FromHours(1)).ShouldBe(DateTimeOffset.Parse("2026-11-23T15:00:00Z"));
        // 21:00 UTC is 16:00 local: one hour left that day, then Tuesday 09:00 local = 14:00 UTC.
        newYork.Add(DateTimeOffset.Parse("2026-11-23T21:00:00Z"), TimeSpan.FromHours(2)).ShouldBe(DateTimeOffset.Parse("2026-11-24T15:00:00Z"));
    }

    [Fact]
    public void Daylight_saving_time_ending_over_the_weekend_moves_the_utc_hours()
    {
        // Friday 23 Oct 16:00 CEST (14:00 UTC): one hour that day; Monday 26 Oct 09:00 is CET, so 10:00 CET = 09:00 UTC.
        Berlin.Add(DateTimeOffset.Parse("2026-10-23T14:00:00Z"), TimeSpan.FromHours(2)).ShouldBe(DateTimeOffset.Parse("2026-10-26T09:00:00Z"));
    }

    [Fact]
    public void A_day_may_have_several_stretches()
    {
        var withLunch = Clock("Europe/Berlin",
        [
            .. Weekdays.Select(day => new WorkingHours(day, new TimeOnly(9, 0), new TimeOnly(12, 0))),
            .. Weekdays.Select(day => new WorkingHours(day, new TimeOnly(13, 0), new TimeOnly(17, 0))),
        ]);
        // 11:00–12:00, lunch, 13:00–14:00.
        withLunch.Add(DateTimeOffset.Parse("2026-11-23T11:00:00+01:00"), TimeSpan.FromHours(2)).ShouldBe(DateTimeOffset.Parse("2026-11-23T14:00:00+01:00"));
        withLunch.Elapsed(DateTimeOffset.Parse("2026-11-23T08:00:00+01:00"), DateTimeOffset.Parse("2026-11-23T18:00:00+01:00")).ShouldBe(TimeSpan.FromHours(7));
    }

    [Fact]
    public void A_stretch_until_midnight_runs_into_the_next_local_day()
    {
        var evenings = Clock("Europe/Berlin", [new WorkingHours(DayOfWeek.Monday, new TimeOnly(20, 0), TimeOnly.MinValue)]);
        // Monday 23:00–24:00 is one hour; the next is Monday a week later at 20:00.
        evenings.Add(DateTimeOffset.Parse("2026-11-23T23:00:00+01:00"), TimeSpan.FromHours(2)).ShouldBe(DateTimeOffset.Parse("2026-11-30T21:00:00+01:00"));
    }

    [Theory]
    [InlineData("2026-11-27T16:00:00+01:00", "2026-11-30T10:00:00+01:00", 2)] // Friday 1 h + Monday 1 h
    [InlineData("2026-11-28T08:00:00+01:00", "2026-11-29T20:00:00+01:00", 0)] // a weekend
    [InlineData("2026-11-23T12:00:00+01:00", "2026-11-23T12:00:00+01:00", 0)] // the same instant
    [InlineData("2026-11-24T12:00:00+01:00", "2026-11-23T12:00:00+01:00", 0)] // backwards
    [InlineData("2026-11-23T00:00:00+01:00", "2026-11-30T00:00:00+01:00", 40)] // a whole week
    public void Elapsed_working_time_counts_only_working_hours(string from, string to, int hours) =>
        Berlin.Elapsed(DateTimeOffset.Parse(from), DateTimeOffset.Parse(to)).ShouldBe(TimeSpan.FromHours(hours));

    [Fact]
    public void Paused_intervals_are_left_out_of_elapsed_time()
    {
        var from = DateTimeOffset.Parse("2026-11-23T09:00:00+01:00");
        var to = DateTimeOffset.Parse("2026-11-24T17:00:00+01:00");
        // 16 h of work; paused Monday 15:00 to Tuesday 10:00 = Monday 2 h + Tuesday 1 h.
        (DateTimeOffset, DateTimeOffset)[] pause = [(DateTimeOffset.Parse("2026-11-23T15:00:00+01:00"), DateTimeOffset.Parse("2026-11-24T10:00:00+01:00"))];
        Berlin.Elapsed(from, to, pause).ShouldBe(TimeSpan.FromHours(13));

        // Overlapping pauses count once, and a pause reaching outside the range only for its part inside: Tuesday
        // 16:00–18:00 leaves out 1 h, the overlapping Monday pauses 14:00–16:00 and 15:00–17:00 leave out 3 h.
        (DateTimeOffset, DateTimeOffset)[] pauses =
        [
            (DateTimeOffset.Parse("2026-11-24T16:00:00+01:00"), DateTimeOffset.Parse("2026-11-24T18:00:00+01:00")),
            (DateTimeOffset.Parse("2026-11-23T14:00:00+01:00"), DateTimeOffset.Parse("2026-11-23T16:00:00+01:00")),
            (DateTimeOffset.Parse("2026-11-23T15:00:00+01:00"), DateTimeOffset.Parse("2026-11-23T17:00:00+01:00")),
        ];
        Berlin.Elapsed(from, to, pauses).ShouldBe(TimeSpan.FromHours(12));
    }

    [Fact]
    public void Around_the_clock_every_instant_counts()
    {
        var always = new BusinessClock(WorkingCalendar.AroundTheClock);
        var saturday = DateTimeOffset.Parse("2026-11-28T22:00:00Z");
        always.Add(saturday, TimeSpan.FromHours(30)).ShouldBe(DateTimeOffset.Parse("2026-11-30T04:00:00Z"));
        (DateTimeOffset, DateTimeOffset)[] pause = [(saturday.AddHours(1), saturday.AddHours(3))];
        always.Elapsed(saturday, saturday.AddHours(10), pause).ShouldBe(TimeSpan.FromHours(8));
    }

    [Fact]
    public void A_calendar_without_working_time_is_refused_rather_than_looping()
    {
        var never = Clock("Europe/Berlin", []);
        Should.Throw<InvalidOperationException>(() => never.Add(DateTimeOffset.Parse("2026-11-23T10:00:00Z"), TimeSpan.FromHours(1)));
    }

    private static List<WorkingHours> OfficeHours(int from, int to) =>
        [.. Weekdays.Select(day => new WorkingHours(day, new TimeOnly(from, 0), new TimeOnly(to, 0)))];

    private static BusinessClock Clock(string zone, List<WorkingHours> hours, params DateOnly[] holidays) =>
        new(new WorkingCalendar(TimeZoneInfo.FindSystemTimeZoneById(zone), hours, holidays.ToHashSet(), AlwaysOpen: false));
}
