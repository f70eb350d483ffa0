using Crm.Contracts.Support;
using Crm.Support.Model;

namespace Crm.Support.Apis;

/// <summary>Turns a ticket's state into the integration events other services see.</summary>
public static class TicketEvents
{
    public static TicketOpened Opened(this Ticket ticket) =>
        new(ticket.Id, ticket.CustomerId, ticket.Subject, ticket.Category.ToString(), ticket.Priority.ToString(), ticket.Channel.ToString(),
            ticket.TeamId, ticket.AssigneeId, ticket.CreatedAt);

    public static TicketResolved Resolved(this Ticket ticket)
    {
        var resolvedAt = ticket.ResolvedAt ?? throw new InvalidOperationException("The ticket is not resolved.");
        return new(ticket.Id, ticket.CustomerId, ticket.Category.ToString(), ticket.Priority.ToString(), ticket.TeamId, ticket.AssigneeId,
            resolvedAt, resolvedAt - ticket.CreatedAt);
    }

    public static TicketReopened Reopened(this Ticket ticket) => new(ticket.Id, ticket.CustomerId, ticket.UpdatedAt);

    public static TicketClosed Closed(this Ticket ticket) =>
        new(ticket.Id, ticket.CustomerId, ticket.ClosedAt ?? throw new InvalidOperationException("The ticket is not closed."));
}
