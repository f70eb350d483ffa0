namespace Crm.Support.Model;

/// <summary>One stretch of working time on a weekday, in the calendar's time zone.</summary>
/// <param name="End">Exclusive; 00:00 means midnight at the end of the day.</param>
public sealed record WorkingHours(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    public TimeSpan EndOfDayOffset => End == TimeOnly.MinValue ? TimeSpan.FromDays(1) : End.ToTimeSpan();
}
