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
    public static bool TryReadCursor(string? text, string sort, out Cursor? cursor) =>
        Cursor.TryDecode(text, sort, out cursor) &&
        (cursor is null || (sort.TrimStart('-') == "priority" ? TryReadPriority(cursor.Key, out _) : TryReadTime(cursor.Key, out _)));

    /// <summary>
    /// Sorts, then starts after the cursor's row. The id (time-ordered) breaks ties, so the order is total and equal
    /// keys keep creation order; the row comparison <c>(created_at, id) &gt; (@key, @id)</c> reads the matching index.
    /// </summary>
    public static IQueryable<Ticket> Page(this IQueryable<Ticket> tickets, string sort, Cursor? after)
    {
        var descending = sort.StartsWith('-');
        switch (sort.TrimStart('-'))
        {
            case "priority":
                TryReadPriority(after?.Key, out var priority);
                return (after, descending) switch
                {
                    (null, false) => tickets.OrderBy(t => t.Priority).ThenBy(t => t.Id),
                    (null, true) => tickets.OrderByDescending(t => t.Priority).ThenBy(t => t.Id),
                    (_, false) => tickets.Where(t => EF.Functions.GreaterThan(ValueTuple.Create(t.Priority, t.Id), ValueTuple.Create(priority, after.Id)))
                        .OrderBy(t => t.Priority).ThenBy(t => t.Id),
                    // Most urgent first, yet oldest first among equals: the two keys run in opposite directions.
                    (_, true) => tickets.Where(t => t.Priority < priority || (t.Priority == priority && t.Id.CompareTo(after.Id) > 0))
                        .OrderByDescending(t => t.Priority).ThenBy(t => t.Id),
                };
            case "updatedAt":
                TryReadTime(after?.Key, out var updated);
                return (after, descending) switch
                {
                    (null, false) => tickets.OrderBy(t => t.UpdatedAt).ThenBy(t => t.Id),
                    (null, true) => tickets.OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id),
                    (_, false) => tickets.Where(t => EF.Functions.GreaterThan(ValueTuple.Create(t.UpdatedAt, t.Id), ValueTuple.Create(updated, after.Id)))
                        .OrderBy(t => t.UpdatedAt).ThenBy(t => t.Id),
                    (_, true) => tickets.Where(t => EF.Functions.LessThan(ValueTuple.Create(t.UpdatedAt, t.Id), ValueTuple.Create(updated, after.Id)))
                        .OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id),
                };
            default:
                TryReadTime(after?.Key, out var created);
                return (after, descending) switch
                {
                    (null, false) => tickets.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
                    (null, true) => tickets.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
                    (_, false) => tickets.Where(t => EF.Functions.GreaterThan(ValueTuple.Create(t.CreatedAt, t.Id), ValueTuple.Create(created, after.Id)))
                        .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
                    (_, true) => tickets.Where(t => EF.Functions.LessThan(ValueTuple.Create(t.CreatedAt, t.Id), ValueTuple.Create(created, after.Id)))
                        .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
                };
        }
    }

    public static Cursor CursorAfter(Ticket last, string sort) => sort.TrimStart('-') switch
    {
        "priority" => new Cursor(sort, ((int)last.Priority).ToString(CultureInfo.InvariantCulture), last.Id),
        "updatedAt" => new Cursor(sort, Format(last.UpdatedAt), last.Id),
        _ => new Cursor(sort, Format(last.CreatedAt), last.Id),
    };

    /// <summary>
    /// The comments of <paramref name="ticket"/> the caller may see: internal notes only for those who may work on the
    /// ticket, so a marketer reading it never gets one, whatever they filter by.
    /// </summary>
    public static IQueryable<TicketComment> VisibleOn(this IQueryable<TicketComment> comments, Ticket ticket, CurrentUser caller) =>
        TicketScope.WorkOf(caller).Covers(ticket) ? comments : comments.Where(comment => comment.Visibility == CommentVisibility.Public);

    /// <summary>A thread in order (created, then id), from after the cursor's comment.</summary>
    public static IQueryable<TicketComment> Page(this IQueryable<TicketComment> comments, Cursor? after)
    {
        if (after is null)
        {
            return comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id);
        }

        TryReadTime(after.Key, out var created);
        return comments.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.CreatedAt, c.Id), ValueTuple.Create(created, after.Id)))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id);
    }

    public static Cursor CursorAfter(TicketComment last) => new(ListCommentsQuery.Sort, Format(last.CreatedAt), last.Id);

    private static string Format(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static bool TryReadTime(string? key, out DateTimeOffset time)
    {
        var read = DateTimeOffset.TryParse(key, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out time);
        time = time.ToUniversalTime();
        return read;
    }

    private static bool TryReadPriority(string? key, out TicketPriority priority)
    {
        var read = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && Enum.IsDefined((TicketPriority)number);
        priority = (TicketPriority)number;
        return read;
    }
}
