using Crm.BuildingBlocks.Persistence;
using System.Globalization;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Paging;
using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Apis;

/// <summary>Filters and keyset paging for the ticket list and a ticket's comments.</summary>
public static class TicketQueries
{
    public static IQueryable<Ticket> Filter(this IQueryable<Ticket> tickets, ListTicketsQuery query)
    {
        if (query.Status is { } status)
        {
            tickets = tickets.Where(ticket => ticket.Status == status);
        }

        if (query.Priority is { } priority)
        {
            tickets = tickets.Where(ticket => ticket.Priority == priority);
        }

        if (query.Category is { } category)
        {
            tickets = tickets.Where(ticket => ticket.Category == category);
        }

        if (TicketTags.Normalise(query.Tag) is { } tag)
        {
            // Written as containment (tags @> {tag}) so the GIN index on tags serves it.
            string[] wanted = [tag];
            tickets = tickets.Where(ticket => wanted.All(t => ticket.Tags.Contains(t)));
        }

        if (query.CustomerId is { } customerId)
        {
            tickets = tickets.Where(ticket => ticket.CustomerId == customerId);
        }

        if (query.AssigneeId is { } assigneeId)
        {
            tickets = tickets.Where(ticket => ticket.AssigneeId == assigneeId);
        }

        if (query.TeamId is { } teamId)
        {
            tickets = tickets.Where(ticket => ticket.TeamId == teamId);
        }

        // PostgreSQL's timestamptz takes UTC only; a client may send any offset.
        if (query.CreatedFrom?.ToUniversalTime() is { } from)
        {
            tickets = tickets.Where(ticket => ticket.CreatedAt >= from);
        }

        if (query.CreatedTo?.ToUniversalTime() is { } to)
        {
            tickets = tickets.Where(ticket => ticket.CreatedAt < to);
        }

        return tickets;
    }

    /// <summary>False for a cursor a client made up, copied from another sort order, or whose key is not of its sort.</summary>
    public static bool IsUsableCursor(string? text, string sort) =>
        Keyset.IsUsable(text, sort, key => sort.TrimStart('-') == "priority" ? TryReadPriority(key, out _) : Keyset.TimeKeyParses(key));

    /// <summary>
    /// Sorts, then starts after the cursor's row (see <see cref="Keyset"/>). The id (time-ordered) breaks ties, so
    /// equal keys keep creation order.
    /// </summary>
    public static IQueryable<Ticket> Page(this IQueryable<Ticket> tickets, string sort, Cursor? after)
    {
        var descending = sort.StartsWith('-');
        switch (sort.TrimStart('-'))
        {
            case "priority" when descending:
                // Most urgent first, yet oldest first among equals: the two keys run in opposite directions, which a
                // single row comparison cannot express.
                if (after is not null)
                {
                    TryReadPriority(after.Key, out var priority);
                    var afterId = Guid.Parse(after.Id);
                    tickets = tickets.Where(t => t.Priority < priority || (t.Priority == priority && t.Id.CompareTo(afterId) > 0));
                }

                return tickets.OrderByDescending(t => t.Priority).ThenBy(t => t.Id);
            case "priority":
                return tickets.OrderAfter(t => t.Priority, t => t.Id, descending: false, after, ReadPriority);
            case "updatedAt":
                return tickets.OrderAfter(t => t.UpdatedAt, t => t.Id, descending, after, Keyset.ParseTimeKey);
            default:
                return tickets.OrderAfter(t => t.CreatedAt, t => t.Id, descending, after, Keyset.ParseTimeKey);
        }
    }

    public static Cursor CursorAfter(Ticket last, string sort) => sort.TrimStart('-') switch
    {
        "priority" => new Cursor(sort, ((int)last.Priority).ToString(CultureInfo.InvariantCulture), last.Id.ToString()),
        "updatedAt" => new Cursor(sort, Keyset.TimeKey(last.UpdatedAt), last.Id.ToString()),
        _ => new Cursor(sort, Keyset.TimeKey(last.CreatedAt), last.Id.ToString()),
    };

    /// <summary>
    /// The comments of <paramref name="ticket"/> the caller may see: internal notes only for those who may work on the
    /// ticket, so a marketer reading it never gets one, whatever they filter by.
    /// </summary>
    public static IQueryable<TicketComment> VisibleOn(this IQueryable<TicketComment> comments, Ticket ticket, CurrentUser caller) =>
        TicketScope.WorkOf(caller).Covers(ticket) ? comments : comments.Where(comment => comment.Visibility == CommentVisibility.Public);

    /// <summary>A thread in order (created, then id), from after the cursor's comment.</summary>
    public static IQueryable<TicketComment> Page(this IQueryable<TicketComment> comments, Cursor? after) =>
        comments.OrderAfter(c => c.CreatedAt, c => c.Id, descending: false, after, Keyset.ParseTimeKey);

    public static Cursor CursorAfter(TicketComment last) => new(ListCommentsQuery.Sort, Keyset.TimeKey(last.CreatedAt), last.Id.ToString());

    private static TicketPriority ReadPriority(string key)
    {
        TryReadPriority(key, out var priority);
        return priority;
    }

    private static bool TryReadPriority(string? key, out TicketPriority priority)
    {
        var read = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && Enum.IsDefined((TicketPriority)number);
        priority = (TicketPriority)number;
        return read;
    }
}
