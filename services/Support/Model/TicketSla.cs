namespace Crm.Support.Model;

/// <summary>
/// A ticket's SLA clocks. The first-response clock runs from creation until the first public reply. The resolution
/// clock runs while the ticket is new or open and stands still while it waits on the customer or is resolved; the
/// working time it stood still pushes the resolution due time back by as much.
/// </summary>
public static class TicketSla
{
    /// <summary>Whether the ticket's status lets the resolution clock run.</summary>
    public static bool ClockRuns(TicketStatus status) => status is TicketStatus.New or TicketStatus.Open;

    /// <summary>Takes the targets of <paramref name="policy"/> for the ticket's priority (none without a policy) and sets the due times.</summary>
    public static void Plan(this Ticket ticket, SlaPolicy? policy, BusinessClock clock)
    {
        if (policy?.TargetFor(ticket.Priority) is not { } target)
        {
            ticket.SlaPolicyId = null;
            ticket.SlaCalendarId = null;
            ticket.FirstResponseTarget = null;
            ticket.ResolutionTarget = null;
            ticket.FirstResponseDueAt = null;
            ticket.ResolutionDueAt = null;
            return;
        }

        ticket.SlaPolicyId = policy.Id;
        ticket.SlaCalendarId = policy.CalendarId;
        ticket.FirstResponseTarget = TimeSpan.FromMinutes(target.FirstResponseMinutes);
        ticket.ResolutionTarget = TimeSpan.FromMinutes(target.ResolutionMinutes);
        ticket.FirstResponseDueAt = clock.Add(ticket.CreatedAt, ticket.FirstResponseTarget.Value);
        ticket.ResolutionDueAt = ticket.SlaPausedAt is null ? ResolutionDue(ticket, clock, ticket.ResolutionTarget.Value) : null;
    }

    /// <summary>Stops the resolution clock (waiting on the customer, resolved, closed); nothing when it stands already.</summary>
    public static void StopClock(this Ticket ticket, DateTimeOffset now)
    {
        if (ticket.SlaPausedAt is null)
        {
            ticket.SlaPausedAt = now;
            ticket.ResolutionDueAt = null;
        }
    }

    /// <summary>Starts the resolution clock again; the due time moves back by the working time it stood still.</summary>
    public static void StartClock(this Ticket ticket, BusinessClock clock, DateTimeOffset now)
    {
        if (ticket.SlaPausedAt is not { } pausedAt)
        {
            return;
        }

        ticket.SlaPausedWork += clock.Elapsed(pausedAt, now);
        ticket.SlaPausedAt = null;
        ticket.ResolutionDueAt = ticket.ResolutionTarget is { } target ? ResolutionDue(ticket, clock, target) : null;
    }

    /// <summary>The instant at which <paramref name="share"/> (0–1) of the resolution target's working time will have run.</summary>
    public static DateTimeOffset ResolutionMark(this Ticket ticket, BusinessClock clock, double share) =>
        ResolutionDue(ticket, clock, ticket.ResolutionTarget!.Value * share);

    public static DateTimeOffset FirstResponseMark(this Ticket ticket, BusinessClock clock, double share) =>
        clock.Add(ticket.CreatedAt, ticket.FirstResponseTarget!.Value * share);

    /// <summary>Working time left for the first response at <paramref name="now"/> (or when it was given); negative when late.</summary>
    public static TimeSpan? FirstResponseRemaining(this Ticket ticket, BusinessClock clock, DateTimeOffset now) =>
        ticket.FirstResponseTarget - clock.Elapsed(ticket.CreatedAt, ticket.FirstResponseAt ?? now);

    /// <summary>Working time left to resolve at <paramref name="now"/>, frozen while the clock stands; negative when late.</summary>
    public static TimeSpan? ResolutionRemaining(this Ticket ticket, BusinessClock clock, DateTimeOffset now) =>
        ticket.ResolutionTarget - (clock.Elapsed(ticket.CreatedAt, ticket.SlaPausedAt ?? now) - ticket.SlaPausedWork);

    /// <summary>Counting from creation, the clock has to run the target plus the working time it stood still.</summary>
    private static DateTimeOffset ResolutionDue(Ticket ticket, BusinessClock clock, TimeSpan work) =>
        clock.Add(ticket.CreatedAt, work + ticket.SlaPausedWork);
}
