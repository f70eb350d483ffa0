using Crm.Support.Model;

namespace Crm.Support.Apis;

public sealed record SlaPolicyResponse(
    Guid Id,
    string Name,
    CustomerTier Tier,
    Guid CalendarId,
    IReadOnlyList<SlaTarget> Targets,
    int WarningPercent,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static SlaPolicyResponse From(SlaPolicy policy) => new(
        policy.Id, policy.Name, policy.Tier, policy.CalendarId, policy.Targets, policy.WarningPercent, policy.CreatedAt, policy.UpdatedAt);
}
