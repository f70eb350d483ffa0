using Crm.Support.Model;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Infrastructure;

/// <summary>
/// Gives tickets their SLA due times from the policy of the customer's tier and keeps the durable warning and breach
/// timers in step. Every change is only tracked: it commits with the caller's SaveChanges.
/// </summary>
public sealed class SlaPlanner(SupportDbContext db)
{
    private readonly Dictionary<Guid, BusinessClock> clocks = [];

    /// <summary>(Re-)plans a ticket: the policy for its customer's tier (General without one) and its priority.</summary>
    public async Task PlanAsync(Ticket ticket, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tier = await db.Customers.Where(customer => customer.Id == ticket.CustomerId)
            .Select(customer => customer.Tier).FirstOrDefaultAsync(cancellationToken) ?? CustomerTier.General;
        var policy = await db.SlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Tier == tier, cancellationToken)
            ?? await db.SlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Tier == CustomerTier.General, cancellationToken);
        var clock = await ClockOfAsync(policy?.CalendarId, cancellationToken);
        ticket.Plan(policy, clock);
        await ScheduleAsync(ticket, clock, policy?.WarningPercent ?? 0, now, cancellationToken);
    }

    /// <summary>
    /// Queues the re-plan of the open tickets a calendar's or a policy's change affects, for the
    /// <see cref="SlaReplanWorker"/> (call it in the transaction of the change). An unfinished re-plan of the same
    /// calendar or policy starts over instead: it is locked first, so one the worker finishes meanwhile is left finished
    /// and a new one queued.
    /// </summary>
    public async Task<SlaReplan> RequestReplanAsync(Guid? calendarId, Guid? policyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var unfinished = calendarId is { } calendar
            ? db.SlaReplans.FromSql($"SELECT * FROM sla_replans WHERE completed_at IS NULL AND calendar_id = {calendar} FOR UPDATE")
            : db.SlaReplans.FromSql($"SELECT * FROM sla_replans WHERE completed_at IS NULL AND policy_id = {policyId} FOR UPDATE");
        var replan = (await unfinished.ToListAsync(cancellationToken)).MaxBy(r => r.RequestedAt);
        if (replan is null)
        {
            replan = new SlaReplan { Id = Guid.CreateVersion7(now), CalendarId = calendarId, PolicyId = policyId };
            db.SlaReplans.Add(replan);
        }

        replan.Restart(now);
        return replan;
    }

    /// <summary>
    /// The tickets a tier's policy may govern: those planned on it, those without any policy, and those of the tier's
    /// customers (who may sit on the General fallback until their tier has its own policy).
    /// </summary>
    public Expression<Func<Ticket, bool>> GovernedBy(Guid policyId, CustomerTier tier) =>
        ticket => ticket.SlaPolicyId == policyId || ticket.SlaPolicyId == null ||
            db.Customers.Any(customer => customer.Id == ticket.CustomerId &&
                (customer.Tier == tier || (tier == CustomerTier.General && customer.Tier == null)));

    /// <summary>Runs or stops the resolution clock as the ticket's new status says, and reschedules its timers.</summary>
    public async Task FollowStatusAsync(Ticket ticket, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var clock = await ClockOfAsync(ticket.SlaCalendarId, cancellationToken);
        if (TicketSla.ClockRuns(ticket.Status))
        {
            ticket.StartClock(clock, now);
        }
        else
        {
            ticket.StopClock(now);
        }

        var warningPercent = ticket.SlaPolicyId is { } policyId
            ? await db.SlaPolicies.Where(p => p.Id == policyId).Select(p => p.WarningPercent).FirstOrDefaultAsync(cancellationToken)
            : 0;
        await ScheduleAsync(ticket, clock, warningPercent, now, cancellationToken);
    }

    /// <summary>The ticket's calendar as a clock; 24/7 when it has none (or it was removed).</summary>
    public async Task<BusinessClock> ClockOfAsync(Guid? calendarId, CancellationToken cancellationToken)
    {
        if (calendarId is not { } id)
        {
            return new BusinessClock(WorkingCalendar.AroundTheClock);
        }

        if (!clocks.TryGetValue(id, out var clock))
        {
            var calendar = await db.BusinessCalendars.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
            clock = new BusinessClock(calendar?.ToWorkingCalendar() ?? WorkingCalendar.AroundTheClock);
            clocks[id] = clock;
        }

        return clock;
    }

    /// <summary>
    /// Adds the timers the ticket's current due times call for. Timers of earlier due times are not deleted (the
    /// worker may be firing one right now): a timer fires only while the deadline it was set for is still the ticket's.
    /// </summary>
    private async Task ScheduleAsync(Ticket ticket, BusinessClock clock, int warningPercent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.Timers.AsNoTracking().Where(timer => timer.SubjectId == ticket.Id)
            .Select(timer => new { timer.Kind, timer.Deadline }).ToListAsync(cancellationToken);
        var warningShare = warningPercent / 100.0;
        if (ticket.FirstResponseDueAt is { } firstResponseDue && ticket.FirstResponseAt is null && ticket.FirstResponseBreachedAt is null)
        {
            if (warningShare > 0)
            {
                Add(TimerKind.FirstResponseWarning, ticket.FirstResponseMark(clock, warningShare), firstResponseDue);
            }

            Add(TimerKind.FirstResponseBreach, firstResponseDue, firstResponseDue);
        }

        if (ticket.ResolutionDueAt is { } resolutionDue && ticket.ResolutionBreachedAt is null)
        {
            if (warningShare > 0)
            {
                Add(TimerKind.ResolutionWarning, ticket.ResolutionMark(clock, warningShare), resolutionDue);
            }

            Add(TimerKind.ResolutionBreach, resolutionDue, resolutionDue);
        }

        void Add(TimerKind kind, DateTimeOffset dueAt, DateTimeOffset deadline)
        {
            if (!existing.Any(timer => timer.Kind == kind && SameInstant(timer.Deadline, deadline)))
            {
                db.Timers.Add(new DurableTimer { Id = Guid.CreateVersion7(now), Kind = kind, SubjectId = ticket.Id, DueAt = dueAt, Deadline = deadline });
            }
        }
    }

    /// <summary>PostgreSQL keeps microseconds, .NET ticks of 100 ns: a stored instant equals a computed one to the microsecond.</summary>
    private static bool SameInstant(DateTimeOffset? stored, DateTimeOffset computed) =>
        stored is { } value && Math.Abs((value - computed).Ticks) < TimeSpan.TicksPerMicrosecond;
}
