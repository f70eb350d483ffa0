using Crm.Contracts.Support;
using Crm.Customers.Infrastructure;
using MassTransit;

namespace Crm.Customers.IntegrationEvents;

/// <summary>Tickets opened, resolved, reopened and closed, missed SLA targets and satisfaction answers reach the customer's timeline.</summary>
public sealed class SupportActivityConsumer(CustomersDbContext db) :
    IConsumer<TicketOpened>, IConsumer<TicketResolved>, IConsumer<TicketReopened>, IConsumer<TicketClosed>,
    IConsumer<TicketSlaBreached>, IConsumer<TicketSatisfactionRated>
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

    public async Task Consume(ConsumeContext<TicketSlaBreached> context)
    {
        var breach = context.Message;
        db.AddTimelineEntry(breach.CustomerId, breach.BreachedAt, "ticket.sla-breached",
            $"{breach.Priority} ticket missed its {(breach.Target == "FirstResponse" ? "first response" : "resolution")} target",
            new { breach.TicketId, breach.Target, breach.DueAt, breach.Priority }, breach.AssigneeId?.ToString(), Support);
        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<TicketSatisfactionRated> context)
    {
        var rated = context.Message;
        db.AddTimelineEntry(rated.CustomerId, rated.RatedAt, "ticket.satisfaction-rated",
            // The whole comment is in the data; the summary line keeps to the column's 500 characters.
            $"Rated support {rated.Rating} of 5" + (rated.Comment is null ? "" : $": {(rated.Comment.Length > 300 ? rated.Comment[..300] + "…" : rated.Comment)}"),
            new { rated.TicketId, rated.SurveyId, rated.Rating, rated.Comment, rated.Category }, rated.AgentId?.ToString(), Support);
        await db.SaveChangesAsync(context.CancellationToken);
    }

    private static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h" : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{Math.Max(1, (int)span.TotalMinutes)} min";
}
