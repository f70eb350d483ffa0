namespace Crm.Contracts.Support;

/// <summary>A resolved ticket was opened again: the customer's problem was not solved after all.</summary>
public sealed record TicketReopened(Guid TicketId, Guid CustomerId, DateTimeOffset OccurredAt);
