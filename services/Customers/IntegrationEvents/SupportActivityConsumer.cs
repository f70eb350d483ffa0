using Crm.Contracts.Support;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.IntegrationEvents;

/// <summary>
/// Tickets opened, resolved, reopened and closed, missed SLA targets and satisfaction answers reach the customer's
/// timeline. Complaint tickets and satisfaction ratings also weigh on the churn risk, so those revalue the customer.
/// </summary>
public sealed class SupportActivityConsumer(CustomersDbContext db, ValueRecalculator recalculator) :
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
        if (IsComplaint(ticket.Category) && await KnownAsync(ticket.CustomerId, context.CancellationToken)
            && !await db.Feedback.AnyAsync(f => f.SourceReference == TicketReference(ticket.TicketId), context.CancellationToken))
        {
            db.Feedback.Add(new Feedback
            {
                Id = Guid.CreateVersion7(ticket.OccurredAt), CustomerId = ticket.CustomerId, Kind = FeedbackKind.Complaint,
                Text = $"Support ticket: {ticket.Subject}", Status = FeedbackStatus.Open, ReceivedAt = ticket.OccurredAt,
                CreatedAt = ticket.OccurredAt, SourceReference = TicketReference(ticket.TicketId),
            });
            await recalculator.SaveAndRevalueAsync(ticket.CustomerId, context.CancellationToken);
            return;
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<TicketResolved> context)
    {
        var ticket = context.Message;
        db.AddTimelineEntry(ticket.CustomerId, ticket.ResolvedAt, "ticket.resolved",
            $"{ticket.Category} ticket resolved after {Duration(ticket.TimeToResolve)}",
            new { ticket.TicketId, ticket.Category, ticket.Priority, timeToResolveMinutes = (int)ticket.TimeToResolve.TotalMinutes },
            ticket.AssigneeId?.ToString(), Support);
        await SaveWithComplaintAsync(ticket.TicketId, FeedbackStatus.Resolved, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<TicketReopened> context)
    {
        var ticket = context.Message;
        db.AddTimelineEntry(ticket.CustomerId, ticket.OccurredAt, "ticket.reopened", "Ticket reopened", new { ticket.TicketId }, service: Support);
        await SaveWithComplaintAsync(ticket.TicketId, FeedbackStatus.Open, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<TicketClosed> context)
    {
        var ticket = context.Message;
        db.AddTimelineEntry(ticket.CustomerId, ticket.ClosedAt, "ticket.closed", "Ticket closed", new { ticket.TicketId }, service: Support);
        await SaveWithComplaintAsync(ticket.TicketId, FeedbackStatus.Resolved, context.CancellationToken);
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
        var reference = $"support-survey:{rated.SurveyId}";
        if (!await KnownAsync(rated.CustomerId, context.CancellationToken)
            || await db.Feedback.AnyAsync(f => f.SourceReference == reference, context.CancellationToken))
        {
            await db.SaveChangesAsync(context.CancellationToken);
            return;
        }

        db.Feedback.Add(new Feedback
        {
            Id = Guid.CreateVersion7(rated.RatedAt), CustomerId = rated.CustomerId, Kind = FeedbackKind.SurveyAnswer, Rating = rated.Rating,
            Text = string.IsNullOrWhiteSpace(rated.Comment) ? $"Support survey: {rated.Rating} of 5" : rated.Comment.Length > 4000 ? rated.Comment[..4000] : rated.Comment,
            Status = FeedbackStatus.Resolved, ReceivedAt = rated.RatedAt, CreatedAt = rated.RatedAt, SourceReference = reference,
        });
        await recalculator.SaveAndRevalueAsync(rated.CustomerId, context.CancellationToken);
    }

    private static bool IsComplaint(string category) => string.Equals(category, nameof(FeedbackKind.Complaint), StringComparison.OrdinalIgnoreCase);

    private static string TicketReference(Guid ticketId) => $"support-ticket:{ticketId}";

    private Task<bool> KnownAsync(Guid customerId, CancellationToken cancellationToken) =>
        db.Customers.AnyAsync(customer => customer.Id == customerId, cancellationToken);

    /// <summary>Saves the timeline entry; when the ticket is a complaint, opens or resolves it too and revalues the customer.</summary>
    private async Task SaveWithComplaintAsync(Guid ticketId, FeedbackStatus status, CancellationToken cancellationToken)
    {
        var reference = TicketReference(ticketId);
        var complaint = await db.Feedback.FirstOrDefaultAsync(f => f.SourceReference == reference, cancellationToken);
        if (complaint is null || complaint.Status == status)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        complaint.Status = status;
        // The complaint's customer, which a merge may have changed since the ticket was opened.
        await recalculator.SaveAndRevalueAsync(complaint.CustomerId, cancellationToken);
    }

    private static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h" : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{Math.Max(1, (int)span.TotalMinutes)} min";
}
