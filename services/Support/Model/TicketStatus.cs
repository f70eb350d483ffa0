namespace Crm.Support.Model;

/// <summary>Where a ticket is in its life; <see cref="TicketWorkflow"/> says which moves are allowed.</summary>
public enum TicketStatus
{
    New,
    Open,

    /// <summary>Waiting on the customer.</summary>
    Pending,
    Resolved,

    /// <summary>Final: a closed ticket is not reopened; a new problem gets a new ticket.</summary>
    Closed,
}
