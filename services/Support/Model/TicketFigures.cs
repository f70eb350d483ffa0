namespace Crm.Support.Model;

/// <summary>
/// The quality figures of the tickets of one category over one UTC day or one month (<see cref="Span"/>), for everyone
/// (<see cref="TicketFiguresGrain.Everyone"/>) or one team: what tickets created in it and tickets resolved in it add up
/// to. PostgreSQL keeps the rows (triggers on <c>tickets</c>, see the <c>TicketDailyFigures</c> and
/// <c>MonthlyTicketFigures</c> migrations) in the transaction of every ticket write, so a dashboard adds up a few month
/// and day rows instead of reading every ticket of its period.
/// </summary>
public class TicketFigures
{
    public TicketFiguresSpan Span { get; set; }

    public TicketFiguresGrain Grain { get; set; }

    /// <summary>The team; <see cref="Guid.Empty"/> on the everyone rows.</summary>
    public Guid TeamId { get; set; }

    /// <summary>The day, or the first day of the month.</summary>
    public DateOnly FirstDay { get; set; }

    /// <summary>The <see cref="TicketCategory.Key"/>.</summary>
    public required string Category { get; set; }

    /// <summary>Tickets created in the span.</summary>
    public int Created { get; set; }

    /// <summary>Of the tickets created in the span, those answered publicly, and their times to that answer.</summary>
    public int FirstResponses { get; set; }
    public long FirstResponseMilliseconds { get; set; }
    public int[] FirstResponseHistogram { get; set; } = DurationHistogram.Empty();

    /// <summary>SLA outcomes of the tickets created in the span whose outcome is known (met, or breached).</summary>
    public int FirstResponseTargets { get; set; }
    public int FirstResponseMet { get; set; }
    public int ResolutionTargets { get; set; }
    public int ResolutionMet { get; set; }

    /// <summary>Tickets resolved in the span, and their times from creation.</summary>
    public int Resolved { get; set; }
    public long ResolutionMilliseconds { get; set; }
    public int[] ResolutionHistogram { get; set; } = DurationHistogram.Empty();
}
