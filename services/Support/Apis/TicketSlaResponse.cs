using Crm.Support.Model;

namespace Crm.Support.Apis;

/// <summary>A ticket's SLA state as the caller reads it; remaining times are working time on the policy's calendar.</summary>
/// <param name="PolicyId">Null when no policy covered the ticket: then there are no targets.</param>
public sealed record TicketSlaResponse(Guid? PolicyId, Guid? CalendarId, SlaClockResponse? FirstResponse, SlaClockResponse? Resolution)
{
    public static TicketSlaResponse From(Ticket ticket, BusinessClock clock, DateTimeOffset now) => new(
        ticket.SlaPolicyId,
        ticket.SlaCalendarId,
        ticket.FirstResponseTarget is { } firstResponseTarget
            ? new SlaClockResponse(firstResponseTarget, ticket.FirstResponseDueAt, ticket.FirstResponseRemaining(clock, now), Paused: false,
                ticket.FirstResponseAt, Breached(ticket.FirstResponseBreachedAt, ticket.FirstResponseRemaining(clock, now)), ticket.FirstResponseBreachedAt)
            : null,
        ticket.ResolutionTarget is { } resolutionTarget
            ? new SlaClockResponse(resolutionTarget, ticket.ResolutionDueAt, ticket.ResolutionRemaining(clock, now), ticket.SlaPausedAt is not null,
                ticket.ResolvedAt, Breached(ticket.ResolutionBreachedAt, ticket.ResolutionRemaining(clock, now)), ticket.ResolutionBreachedAt)
            : null);

    private static bool Breached(DateTimeOffset? breachedAt, TimeSpan? remaining) => breachedAt is not null || remaining < TimeSpan.Zero;
}

/// <param name="Target">The working time the policy allows.</param>
/// <param name="DueAt">When the target is due; null while the clock stands (waiting on the customer, resolved).</param>
/// <param name="Remaining">Working time left (frozen while paused, or at the moment it was met); negative when late.</param>
/// <param name="MetAt">The first public reply, or the resolution.</param>
/// <param name="BreachedAt">When the breach was detected (and the ticket escalated).</param>
public sealed record SlaClockResponse(
    TimeSpan Target, DateTimeOffset? DueAt, TimeSpan? Remaining, bool Paused, DateTimeOffset? MetAt, bool Breached, DateTimeOffset? BreachedAt);
