namespace Crm.Support.Model;

/// <summary>When support works: weekly hours in a time zone, minus holidays; or around the clock.</summary>
public sealed record WorkingCalendar(TimeZoneInfo Zone, IReadOnlyList<WorkingHours> Hours, IReadOnlySet<DateOnly> Holidays, bool AlwaysOpen)
{
    public static readonly WorkingCalendar AroundTheClock = new(TimeZoneInfo.Utc, [], new HashSet<DateOnly>(), AlwaysOpen: true);
}
