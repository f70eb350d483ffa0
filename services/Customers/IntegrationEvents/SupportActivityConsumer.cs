using Crm.Contracts.Support;
using Crm.Customers.Infrastructure;
using MassTransit;

namespace Crm.Customers.IntegrationEvents;

/// <summary>Tickets opened, resolved, reopened and closed reach the customer's timeline.</summary>
public sealed class SupportActivityConsumer(CustomersDbContext db) :
    IConsumer<TicketOpened>, IConsumer<TicketResolved>, IConsumer<TicketReopened>, IConsumer<TicketClosed>
{
    private const string Support = "support";

    public async Task Consume(ConsumeContext<TicketOpened> context)
    {
        var ticket = context.Message;
        db.AddTimelineEntry(ticket.CustomerId, ticket.OccurredAt, "ticket.opened",
            $"{ticket.Priority} {ticket.Category.ToLowerInvariant()} ticket opened: {ticket.Subject}",
            new { ticket.TicketId, ticket.Category, ticket.Priority, ticket.Channel }, ticket.AssigneeId?.ToString(), Support);
        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<TicketResolved> context)
    {
        var ticket = context.Message;
        db.AddTimelineEntry(ticket.CustomerId, ticket.ResolvedAt, "ticket.resolved",
            $"{ticket.Category} ticket resolved after {Duration(ticket.TimeToResolve)}",
            new { ticket.TicketId, ticket.Category, ticket.Priority, timeToResolveMinutes = (int)ticket.TimeToResolve.TotalMinutes },
            ticket.AssigneeId?.ToString(), Support);
        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<TicketReopened> context)
    {
        var ticket = context.Message;
        db.AddTimelineEntry(ticket.CustomerId, ticket.OccurredAt, "ticket.reopened", "Ticket reopened", new { ticket.TicketId }, service: Support);
        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<TicketClosed> context)
    {
        var ticket = context.Message;
        db.AddTimelineEntry(ticket.CustomerId, ticket.ClosedAt, "ticket.closed", "Ticket closed", new { ticket.TicketId }, service: Support);
        await db.SaveChangesAsync(context.CancellationToken);
    }

    private static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h" : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{Math.Max(1, (int)span.TotalMinutes)} min";
}
