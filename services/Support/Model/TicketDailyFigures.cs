namespace Crm.Support.Model;

/// <summary>
/// One UTC day's quality figures of the tickets of one category, for everyone (<see cref="TicketFiguresGrain.Everyone"/>)
/// or one team: what tickets created that day and tickets resolved that day add up to. PostgreSQL keeps the rows
/// (triggers on <c>tickets</c>, created by the <c>TicketDailyFigures</c> migration) in the transaction of every ticket write, so
/// a dashboard adds up a few rows per day instead of reading every ticket of its period.
/// </summary>
public class TicketDailyFigures
{
    public TicketFiguresGrain Grain { get; set; }

    /// <summary>The team; <see cref="Guid.Empty"/> on the everyone rows.</summary>
    public Guid TeamId { get; set; }

    public DateOnly Day { get; set; }

    /// <summary>The <see cref="TicketCategory.Key"/>.</summary>
    public required string Category { get; set; }

    /// <summary>Tickets created that day.</summary>
    public int Created { get; set; }

    /// <summary>Of the tickets created that day, those answered publicly, and their times to that answer.</summary>
    public int FirstResponses { get; set; }
    public long FirstResponseMilliseconds { get; set; }
    public int[] FirstResponseHistogram { get; set; } = DurationHistogram.Empty();

    /// <summary>SLA outcomes of the tickets created that day whose outcome is known (met, or breached).</summary>
    public int FirstResponseTargets { get; set; }
    public int FirstResponseMet { get; set; }
    public int ResolutionTargets { get; set; }
    public int ResolutionMet { get; set; }

    /// <summary>Tickets resolved that day, and their times from creation.</summary>
    public int Resolved { get; set; }
    public long ResolutionMilliseconds { get; set; }
    public int[] ResolutionHistogram { get; set; } = DurationHistogram.Empty();
}
