using Crm.Support.Model;

namespace Crm.Support.Apis;

public static class TicketWrites
{
    /// <summary>Copies a request onto a ticket; left-out choices take their defaults.</summary>
    /// <returns>Whether anything changed.</returns>
    public static bool Apply(this Ticket ticket, ITicketFields fields)
    {
        var changed = false;
        void Set<T>(T current, T next, Action<T> assign)
        {
            if (!EqualityComparer<T>.Default.Equals(current, next))
            {
                assign(next);
                changed = true;
            }
        }

        Set(ticket.CustomerId, fields.CustomerId!.Value, value => ticket.CustomerId = value);
        Set(ticket.Subject, fields.Subject!.Trim(), value => ticket.Subject = value);
        Set(ticket.Description, fields.Description?.Trim() ?? "", value => ticket.Description = value);
        Set(ticket.Category, fields.Category ?? TicketCategory.Question, value => ticket.Category = value);
        Set(ticket.Priority, fields.Priority ?? TicketPriority.Normal, value => ticket.Priority = value);
        Set(ticket.Channel, fields.Channel ?? TicketChannel.Web, value => ticket.Channel = value);
        return changed;
    }
}
