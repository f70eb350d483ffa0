using Crm.Support.Model;

namespace Crm.Support.Infrastructure;

/// <summary>
/// A period's quality figures added up from month and day rows of <c>ticket_figures</c> and from tickets' own facts
/// (<c>ticket_figure_facts</c>) for the hours around the whole days: counts, millisecond sums and duration histograms.
/// </summary>
public sealed class PeriodFigures(string interval)
{
    public int FirstResponses { get; private set; }
    public long FirstResponseMilliseconds { get; private set; }
    public int[] FirstResponseHistogram { get; } = DurationHistogram.Empty();
    public int FirstResponseTargets { get; private set; }
    public int FirstResponseMet { get; private set; }
    public int ResolutionTargets { get; private set; }
    public int ResolutionMet { get; private set; }
    public int Resolved { get; private set; }
    public long ResolutionMilliseconds { get; private set; }
    public int[] ResolutionHistogram { get; } = DurationHistogram.Empty();

    /// <summary>Tickets created per period start (Monday or first of the month, UTC) and category.</summary>
    public Dictionary<(DateOnly PeriodStart, string Category), int> CreatedByCategory { get; } = [];

    /// <summary>
    /// True for a monthly series, which month rows fill; a weekly one takes month rows' tickets created from
    /// <see cref="AddCreated"/> per day instead.
    /// </summary>
    public bool SeriesFromMonths => interval == "month";

    public void Add(TicketFigures row)
    {
        var created = row.Span == TicketFiguresSpan.Day || SeriesFromMonths ? row.Created : 0;
        AddCounts(row.FirstDay, row.Category, created, row.FirstResponses, row.FirstResponseMilliseconds, row.FirstResponseTargets,
            row.FirstResponseMet, row.ResolutionTargets, row.ResolutionMet, row.Resolved, row.ResolutionMilliseconds);
        DurationHistogram.Add(FirstResponseHistogram, row.FirstResponseHistogram);
        DurationHistogram.Add(ResolutionHistogram, row.ResolutionHistogram);
    }

    /// <summary>Tickets created on a day of a month whose row was added without them (a weekly series).</summary>
    public void AddCreated(DateOnly day, string category, int created) =>
        AddCounts(day, category, created, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>One ticket's fact row: its creation day's or its resolution day's share.</summary>
    public void Add(TicketFact fact)
    {
        AddCounts(fact.Day, fact.Category, fact.Created, fact.FirstResponses, fact.FirstResponseMilliseconds, fact.FirstResponseTargets,
            fact.FirstResponseMet, fact.ResolutionTargets, fact.ResolutionMet, fact.Resolved, fact.ResolutionMilliseconds);
        if (fact.FirstResponseBucket is { } answered)
        {
            FirstResponseHistogram[answered] += fact.FirstResponses;
        }

        if (fact.ResolutionBucket is { } resolved)
        {
            ResolutionHistogram[resolved] += fact.Resolved;
        }
    }

    private void AddCounts(DateOnly day, string category, int created, int firstResponses, long firstResponseMilliseconds,
        int firstResponseTargets, int firstResponseMet, int resolutionTargets, int resolutionMet, int resolved, long resolutionMilliseconds)
    {
        FirstResponses += firstResponses;
        FirstResponseMilliseconds += firstResponseMilliseconds;
        FirstResponseTargets += firstResponseTargets;
        FirstResponseMet += firstResponseMet;
        ResolutionTargets += resolutionTargets;
        ResolutionMet += resolutionMet;
        Resolved += resolved;
        ResolutionMilliseconds += resolutionMilliseconds;
        if (created != 0)
        {
            var key = (PeriodStart(day), category);
            CreatedByCategory[key] = CreatedByCategory.GetValueOrDefault(key) + created;
        }
    }

    private DateOnly PeriodStart(DateOnly day) => interval == "month"
        ? new DateOnly(day.Year, day.Month, 1)
        : day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
