using Crm.Support.Model;

namespace Crm.Support.Apis;

/// <summary>What a client may set on a ticket on create and on update; status and assignment have their own endpoints.</summary>
public interface ITicketFields
{
    Guid? CustomerId { get; }
    Guid? ContactId { get; }
    string? Subject { get; }
    string? Description { get; }
    string? Category { get; }
    TicketPriority? Priority { get; }
    TicketChannel? Channel { get; }
    IReadOnlyList<string>? Tags { get; }
}
