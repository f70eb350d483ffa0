using System.Text.Json.Serialization;
using Crm.Support.Model;

namespace Crm.Support.Apis;

/// <param name="NextStatuses">Where the workflow lets the ticket go from its current status.</param>
/// <param name="Comments">Only when one ticket is read: its thread, oldest first, as far as the caller may see it.</param>
public sealed record TicketResponse(
    Guid Id,
    Guid CustomerId,
    string Subject,
    string Description,
    TicketCategory Category,
    TicketPriority Priority,
    TicketChannel Channel,
    TicketStatus Status,
    IReadOnlyList<TicketStatus> NextStatuses,
    Guid? TeamId,
    Guid? AssigneeId,
    Guid? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CommentResponse>? Comments = null)
{
    public static TicketResponse From(Ticket ticket, IReadOnlyList<CommentResponse>? comments = null) => new(
        ticket.Id, ticket.CustomerId, ticket.Subject, ticket.Description, ticket.Category, ticket.Priority, ticket.Channel,
        ticket.Status, TicketWorkflow.AllowedFrom(ticket.Status), ticket.TeamId, ticket.AssigneeId, ticket.CreatedBy,
        ticket.CreatedAt, ticket.UpdatedAt, ticket.FirstResponseAt, ticket.ResolvedAt, ticket.ClosedAt, comments);
}
