namespace Crm.Contracts.Support;

/// <summary>A resolved ticket was closed for good.</summary>
public sealed record TicketClosed(Guid TicketId, Guid CustomerId, DateTimeOffset ClosedAt);
