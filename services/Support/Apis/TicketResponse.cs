using System.Text.Json.Serialization;
using Crm.Support.Model;

namespace Crm.Support.Apis;

/// <param name="Sla">Due times, remaining working time and breach state of the first-response and resolution targets.</param>
/// <param name="NextStatuses">Where the workflow lets the ticket go from its current status.</param>
/// <param name="Comments">Only when one ticket is read: its thread, oldest first, as far as the caller may see it.</param>
public sealed record TicketResponse(
    Guid Id,
    Guid CustomerId,
    Guid? ContactId,
    string Subject,
    string Description,
    string Category,
    TicketPriority Priority,
    TicketChannel Channel,
    TicketStatus Status,
    IReadOnlyList<string> Tags,
    IReadOnlyList<TicketStatus> NextStatuses,
    Guid? TeamId,
    Guid? AssigneeId,
    Guid? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    TicketSlaResponse Sla,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CommentResponse>? Comments = null)
{
    /// <param name="clock">The ticket's SLA calendar, which the remaining times are counted on.</param>
    public static TicketResponse From(Ticket ticket, BusinessClock clock, DateTimeOffset now, IReadOnlyList<CommentResponse>? comments = null) => new(
        ticket.Id, ticket.CustomerId, ticket.ContactId, ticket.Subject, ticket.Description, ticket.Category, ticket.Priority, ticket.Channel,
        ticket.Status, ticket.Tags, TicketWorkflow.AllowedFrom(ticket.Status), ticket.TeamId, ticket.AssigneeId, ticket.CreatedBy,
        ticket.CreatedAt, ticket.UpdatedAt, ticket.FirstResponseAt, ticket.ResolvedAt, ticket.ClosedAt,
        TicketSlaResponse.From(ticket, clock, now), comments);
}
