namespace Crm.Support.Model;

/// <summary>
/// The status workflow: new → open ⇄ pending → resolved → closed, with a resolved ticket reopened to open. A quick
/// answer may resolve a new ticket directly; closed is final.
/// </summary>
public static class TicketWorkflow
{
    private static readonly Dictionary<TicketStatus, TicketStatus[]> Moves = new()
    {
        [TicketStatus.New] = [TicketStatus.Open, TicketStatus.Pending, TicketStatus.Resolved],
        [TicketStatus.Open] = [TicketStatus.Pending, TicketStatus.Resolved],
        [TicketStatus.Pending] = [TicketStatus.Open, TicketStatus.Resolved],
        [TicketStatus.Resolved] = [TicketStatus.Open, TicketStatus.Closed],
        [TicketStatus.Closed] = [],
    };

    public static IReadOnlyList<TicketStatus> AllowedFrom(TicketStatus status) => Moves[status];

    public static bool CanMove(TicketStatus from, TicketStatus to) => Moves[from].Contains(to);

    /// <summary>Moves the ticket and keeps its timestamps; the caller has checked <see cref="CanMove"/>.</summary>
    public static void MoveTo(this Ticket ticket, TicketStatus status, DateTimeOffset now)
    {
        if (!CanMove(ticket.Status, status))
        {
            throw new InvalidOperationException($"A ticket cannot go from {ticket.Status} to {status}.");
        }

        switch (status)
        {
            case TicketStatus.Resolved:
                ticket.ResolvedAt = now;
                break;
            case TicketStatus.Open when ticket.Status == TicketStatus.Resolved:
                ticket.ResolvedAt = null;
                break;
            case TicketStatus.Closed:
                ticket.ClosedAt = now;
                break;
        }

        ticket.Status = status;
        ticket.UpdatedAt = now;
    }

    public static bool IsReopen(TicketStatus from, TicketStatus to) => from == TicketStatus.Resolved && to == TicketStatus.Open;
}
