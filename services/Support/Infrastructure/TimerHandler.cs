using Crm.Contracts.Support;
using Crm.ServiceDefaults.Authentication;
using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Infrastructure;

/// <summary>What a due timer does: SLA warnings, breaches with their escalation, survey mail, care-plan rounds.</summary>
public sealed class TimerHandler(SupportDbContext db, SatisfactionSurveys surveys, CarePlanRounds carePlans, ILogger<TimerHandler> logger)
{
    /// <returns>False when the timer should be tried again later (the mail server failed).</returns>
    public async Task<bool> FireAsync(DurableTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (timer.Kind == TimerKind.SurveyMail)
        {
            try
            {
                await surveys.SendAsync(timer.SubjectId, now, cancellationToken);
                return true;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "The survey mail of {SurveyId} could not be sent; trying again later", timer.SubjectId);
                return false;
            }
        }

        if (timer.Kind == TimerKind.CarePlanCheckIn)
        {
            await carePlans.RunAsync(timer, now, cancellationToken);
            return true;
        }

        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == timer.SubjectId, cancellationToken);
        if (ticket is null)
        {
            return true;
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

        return true;
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
