namespace Crm.Contracts.Customers;

/// <summary>
/// A person asked to be forgotten: the customer service has anonymised the record and its history. Every service
/// removes the personal data it holds about <paramref name="CustomerId"/> (names, e-mail, phone) and keeps only what
/// it must (amounts, counts) under the id.
/// </summary>
public sealed record CustomerErased(Guid CustomerId, int Revision, DateTimeOffset OccurredAt);
