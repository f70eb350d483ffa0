using Crm.Support.Model;

namespace Crm.Support.Apis;

public static class TicketWrites
{
    /// <summary>Copies a request onto a ticket; left-out choices take their defaults.</summary>
    /// <returns>Whether anything changed.</returns>
    /// <param name="category">The request's category as the category table spells its key (see <see cref="CategoryChecks"/>).</param>
    public static bool Apply(this Ticket ticket, ITicketFields fields, string category)
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
        Set(ticket.Category, category, value => ticket.Category = value);
        Set(ticket.Priority, fields.Priority ?? TicketPriority.Normal, value => ticket.Priority = value);
        Set(ticket.Channel, fields.Channel ?? TicketChannel.Web, value => ticket.Channel = value);
        Set(ticket.ContactId, fields.ContactId, value => ticket.ContactId = value);
        if (fields.Tags is not null && TicketTags.NormaliseAll(fields.Tags) is var tags && !tags.SequenceEqual(ticket.Tags))
        {
            ticket.Tags = tags;
            changed = true;
        }

        return changed;
    }
}
