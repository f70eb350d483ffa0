using Crm.ServiceDefaults.Authentication;
using Crm.Support.Model;

namespace Crm.Support.Apis;

/// <summary>
/// Which tickets a caller reaches (OWASP API1): administrators all; support agents and leads their team's (the token's
/// <c>team</c> claim) and those assigned to them. A ticket outside the scope does not exist for the caller (404).
/// </summary>
public sealed record TicketScope(bool Everything, Guid? TeamId, Guid? UserId)
{
    private static readonly TicketScope Nothing = new(false, null, null);
    private static readonly TicketScope All = new(true, null, null);

    /// <summary>The tickets the caller may change, comment on and see internal notes of.</summary>
    public static TicketScope WorkOf(CurrentUser caller) =>
        caller.IsInRole(CrmRoles.Administrator) ? All
        : caller.IsInAnyRole(CrmRoles.SupportLead, CrmRoles.SupportAgent) ? new TicketScope(false, caller.TeamId, caller.UserId)
        : Nothing;

    /// <summary>The tickets the caller may read: marketers read every ticket for customer context, never its internal notes.</summary>
    public static TicketScope ReadOf(CurrentUser caller) =>
        caller.IsInRole(CrmRoles.Marketer) ? All : WorkOf(caller);

    public IQueryable<Ticket> Apply(IQueryable<Ticket> tickets)
    {
        if (Everything)
        {
            return tickets;
        }

        // Locals, so a caller without a team (or an integration client without a user id) matches no ticket by it
        // rather than every ticket whose column is null.
        var team = TeamId;
        var user = UserId;
        return tickets.Where(ticket => (team != null && ticket.TeamId == team) || (user != null && ticket.AssigneeId == user));
    }

    /// <summary>The same rule as <see cref="Apply"/>, for a ticket already loaded.</summary>
    public bool Covers(Ticket ticket) =>
        Everything || (TeamId is { } team && ticket.TeamId == team) || (UserId is { } user && ticket.AssigneeId == user);
}
