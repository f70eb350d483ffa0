namespace Crm.Contracts.Audit;

/// <summary>
/// Somebody did something an administrator must be able to trace (an export, an erasure). The identity service keeps
/// these in the one audit log administrators query.
/// </summary>
/// <param name="Service">The service where it happened, such as <c>customers</c>.</param>
/// <param name="Action">A kebab-case verb such as <c>exported</c> or <c>erased</c>.</param>
public sealed record SensitiveActionPerformed(
    Guid ActionId,
    string Service,
    string Action,
    string? ActorId,
    string? ActorName,
    string? Target,
    string? Details,
    string? IpAddress,
    DateTimeOffset OccurredAt);
