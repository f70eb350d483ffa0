using Crm.ServiceDefaults.Authentication;
using Crm.Support.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Apis;

/// <summary>Who works a ticket: the team whose queue holds it and the agent or lead assigned to it.</summary>
public sealed record TicketAssignment(Guid? TeamId, Guid? AssigneeId)
{
    /// <summary>
    /// Where a new ticket goes when the request does not say: the caller's team; an agent takes it themselves (they
    /// are on the call), a lead or administrator leaves it in the team's queue.
    /// </summary>
    public static TicketAssignment DefaultFor(CurrentUser caller) =>
        new(caller.TeamId, caller.IsInAnyRole(TicketRoles.Assigners) ? null : caller.UserId);

    /// <summary>
    /// The assignment a request asks for, checked: an assignee is an active support agent or lead (400 otherwise) and
    /// brings the ticket into their team. Administrators may assign anyone; leads only within their own team; agents
    /// only take a ticket of its current team themselves or hand their own back to the queue (403 otherwise).
    /// </summary>
    public static async Task<(TicketAssignment? Assignment, ValidationProblem? Invalid, ProblemHttpResult? Refused)> DecideAsync(
        SupportDbContext db, CurrentUser caller, TicketAssignment current, Guid? assigneeId, Guid? teamId, CancellationToken cancellationToken)
    {
        var requested = new TicketAssignment(teamId ?? current.TeamId, assigneeId);
        if (requested == current)
        {
            return (current, null, null);
        }

        var isAssigner = caller.IsInAnyRole(TicketRoles.Assigners);
        var takesOrReleases = caller.UserId is { } self && (assigneeId == self || (assigneeId is null && current.AssigneeId == self));
        if (!isAssigner && !takesOrReleases)
        {
            return (null, null, TicketProblems.MayNotReassign("Support agents take tickets themselves or hand them back; a support lead assigns them to others."));
        }

        if (assigneeId is { } id)
        {
            // The caller's own team is the one in their token; anyone else's comes from the user directory copy.
            Guid? assigneeTeam;
            if (id == caller.UserId)
            {
                assigneeTeam = caller.TeamId;
            }
            else
            {
                var assignee = await db.Users.AsNoTracking()
                    .Where(user => user.Id == id && user.IsActive)
                    .Select(user => new { user.TeamId, user.Roles })
                    .FirstOrDefaultAsync(cancellationToken);
                if (assignee is null || !assignee.Roles.Any(TicketRoles.Assignees.Contains))
                {
                    return (null, TicketProblems.Invalid("assigneeId", $"There is no active support agent or lead {id}."), null);
                }

                assigneeTeam = assignee.TeamId;
            }

            if (teamId is not null && teamId != assigneeTeam)
            {
                return (null, TicketProblems.Invalid("teamId", "An assigned ticket belongs to its assignee's team; leave teamId out or name that team."), null);
            }

            requested = requested with { TeamId = assigneeTeam };
        }

        if (caller.IsInRole(CrmRoles.Administrator) || requested == current)
        {
            return (requested, null, null);
        }

        if (isAssigner)
        {
            return caller.TeamId is { } ownTeam && requested.TeamId == ownTeam
                ? (requested, null, null)
                : (null, null, TicketProblems.MayNotReassign("Support leads assign tickets within their own team."));
        }

        return requested.TeamId == current.TeamId
            ? (requested, null, null)
            : (null, null, TicketProblems.MayNotReassign("Support agents take tickets of their team's queue; a support lead moves them to another team."));
    }
}
