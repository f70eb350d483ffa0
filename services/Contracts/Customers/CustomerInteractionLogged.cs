namespace Crm.Contracts.Customers;

/// <summary>Someone talked to the customer (call, meeting, e-mail, visit, note). Sales restarts the follow-up clock.</summary>
public sealed record CustomerInteractionLogged(
    Guid CustomerId,
    Guid InteractionId,
    string Kind,
    DateTimeOffset At,
    Guid? ById,
    DateTimeOffset OccurredAt);
