using Crm.Contracts.Support;
using Crm.ServiceDefaults.Authentication;
using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Infrastructure;

/// <summary>What a due timer does: SLA warnings, and breaches with their escalation.</summary>
public sealed class TimerHandler(SupportDbContext db)
{
    public async Task FireAsync(DurableTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == timer.SubjectId, cancellationToken);
        if (ticket is null)
        {
            return;
        }

        switch (timer.Kind)
        {
            case TimerKind.FirstResponseWarning when FirstResponseOpen(ticket, timer):
                Publish(ticket, new TicketSlaWarning(ticket.Id, ticket.CustomerId, "FirstResponse", ticket.FirstResponseDueAt!.Value,
                    ticket.TeamId, ticket.AssigneeId, now));
                break;
            case TimerKind.FirstResponseBreach when FirstResponseOpen(ticket, timer):
                ticket.FirstResponseBreachedAt = now;
                await BreachAsync(ticket, "FirstResponse", ticket.FirstResponseDueAt!.Value, now, cancellationToken);
                break;
            case TimerKind.ResolutionWarning when ResolutionOpen(ticket, timer):
                Publish(ticket, new TicketSlaWarning(ticket.Id, ticket.CustomerId, "Resolution", ticket.ResolutionDueAt!.Value,
                    ticket.TeamId, ticket.AssigneeId, now));
                break;
            case TimerKind.ResolutionBreach when ResolutionOpen(ticket, timer):
                ticket.ResolutionBreachedAt = now;
                await BreachAsync(ticket, "Resolution", ticket.ResolutionDueAt!.Value, now, cancellationToken);
                break;
        }
    }

    /// <summary>Still waiting for the first reply, by the deadline this timer was set for.</summary>
    private static bool FirstResponseOpen(Ticket ticket, DurableTimer timer) =>
        ticket.FirstResponseAt is null && ticket.FirstResponseBreachedAt is null && ticket.FirstResponseDueAt == timer.Deadline &&
        ticket.Status is not (TicketStatus.Resolved or TicketStatus.Closed);

    /// <summary>The resolution clock runs toward the deadline this timer was set for.</summary>
    private static bool ResolutionOpen(Ticket ticket, DurableTimer timer) =>
        ticket.ResolutionBreachedAt is null && ticket.ResolutionDueAt is not null && ticket.ResolutionDueAt == timer.Deadline &&
        TicketSla.ClockRuns(ticket.Status);

    /// <summary>Publishes the breach and escalates: one priority step up, and the team's leads named for a notification.</summary>
    private async Task BreachAsync(Ticket ticket, string target, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var previous = ticket.Priority;
        Publish(ticket, new TicketSlaBreached(ticket.Id, ticket.CustomerId, target, dueAt, previous.ToString(), ticket.TeamId, ticket.AssigneeId, now));

        if (previous < TicketPriority.Urgent)
        {
            ticket.Priority = previous + 1;
        }

        ticket.UpdatedAt = now;
        var team = ticket.TeamId;
        var leads = team is null
            ? []
            : await db.Users.AsNoTracking()
                .Where(user => user.TeamId == team && user.IsActive && user.Roles.Contains(CrmRoles.SupportLead))
                .OrderBy(user => user.Id)
                .Select(user => user.Id)
                .ToListAsync(cancellationToken);
        Publish(ticket, new TicketEscalated(ticket.Id, ticket.CustomerId, ticket.Priority.ToString(), previous.ToString(),
            $"{target} SLA breached", ticket.TeamId, ticket.AssigneeId, leads, now));
    }

    private void Publish<TEvent>(Ticket ticket, TEvent integrationEvent)
        where TEvent : class => db.AddIntegrationEvent(integrationEvent, orderingKey: ticket.Id.ToString());
}
