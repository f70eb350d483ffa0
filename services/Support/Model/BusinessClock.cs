namespace Crm.Support.Model;

/// <summary>
/// Working-time arithmetic on a calendar: the instant a stretch of working time ends, and the working time between two
/// instants, optionally leaving out paused intervals. Pure: no clock, no database, so the SLA math is tested alone.
/// </summary>
public sealed class BusinessClock(WorkingCalendar calendar)
{
    /// <summary>A calendar whose working time lies further apart than this has none worth counting on.</summary>
    private const int MaxDaysSearched = 5 * 366;

    /// <summary>The instant at which <paramref name="work"/> of working time, counted from <paramref name="start"/>, has passed.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan work)
    {
        if (work <= TimeSpan.Zero)
        {
            return start;
        }

        if (calendar.AlwaysOpen)
        {
            return start + work;
        }

        var left = work;
        foreach (var (from, to) in IntervalsFrom(start))
        {
            var begin = from > start ? from : start;
            var length = to - begin;
            if (length >= left)
            {
                return begin + left;
            }

            left -= length;
        }

        throw NoWorkingTime();
    }

    /// <summary>The working time between two instants; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        if (calendar.AlwaysOpen)
        {
            return to - from;
        }

        var total = TimeSpan.Zero;
        foreach (var (start, end) in IntervalsFrom(from))
        {
            if (start >= to)
            {
                break;
            }

            var begin = start > from ? start : from;
            var finish = end < to ? end : to;
            total += finish - begin;
        }

        return total;
    }

    /// <summary>The working time between two instants without the working time inside <paramref name="paused"/> (which may overlap).</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to, IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> paused)
    {
        var total = Elapsed(from, to);
        DateTimeOffset? mergedStart = null;
        var mergedEnd = DateTimeOffset.MinValue;
        foreach (var (start, end) in paused.Where(p => p.End > p.Start).OrderBy(p => p.Start))
        {
            if (mergedStart is not null && start <= mergedEnd)
            {
                mergedEnd = end > mergedEnd ? end : mergedEnd;
                continue;
            }

            if (mergedStart is { } previous)
            {
                total -= Elapsed(Clamp(previous, from, to), Clamp(mergedEnd, from, to));
            }

            (mergedStart, mergedEnd) = (start, end);
        }

        if (mergedStart is { } last)
        {
            total -= Elapsed(Clamp(last, from, to), Clamp(mergedEnd, from, to));
        }

        return total;
    }

    /// <summary>The calendar's working intervals, in order, from the one containing or following <paramref name="instant"/>.</summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> IntervalsFrom(DateTimeOffset instant)
    {
        // A day earlier: a stretch ending at midnight local time may still be running at the instant.
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, calendar.Zone).DateTime).AddDays(-1);
        for (var searched = 0; searched < MaxDaysSearched; searched++, day = day.AddDays(1))
        {
            if (calendar.Holidays.Contains(day))
            {
                continue;
            }

            foreach (var hours in calendar.Hours.Where(h => h.Day == day.DayOfWeek).OrderBy(h => h.Start))
            {
                var midnight = day.ToDateTime(TimeOnly.MinValue);
                var start = ToInstant(midnight + hours.Start.ToTimeSpan());
                var end = ToInstant(midnight + hours.EndOfDayOffset);
                if (end > instant && end > start)
                {
                    yield return (start, end);
                }
            }
        }
    }

    /// <summary>
    /// A local wall-clock time as an instant. A time skipped by a daylight-saving jump counts as the first valid time
    /// after it; a repeated one takes the zone's standard offset.
    /// </summary>
    private DateTimeOffset ToInstant(DateTime local)
    {
        while (calendar.Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, calendar.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static DateTimeOffset Clamp(DateTimeOffset value, DateTimeOffset min, DateTimeOffset max) =>
        value < min ? min : value > max ? max : value;

    private static InvalidOperationException NoWorkingTime() =>
        new($"The calendar has no working time within {MaxDaysSearched} days.");
}
