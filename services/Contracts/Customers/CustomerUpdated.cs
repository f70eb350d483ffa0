namespace Crm.Contracts.Customers;

/// <summary>
/// A customer's record changed. Carries the whole new state, so a consumer that missed or reordered an earlier event
/// still ends up right: it applies the event only when <paramref name="Revision"/> is newer than what it holds.
/// </summary>
/// <param name="Revision">Counts the customer's changes: <see cref="CustomerRegistered"/> is revision 1.</param>
/// <param name="ChangedFields">The camelCase names of the fields this change touched.</param>
public sealed record CustomerUpdated(
    Guid CustomerId,
    int Revision,
    string Kind,
    string Name,
    string? Email,
    string? Phone,
    string? Industry,
    string? Region,
    string? Source,
    Guid? OwnerId,
    Guid? CompanyId,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> ChangedFields,
    DateTimeOffset OccurredAt);
