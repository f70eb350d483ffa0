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
    DateTimeOffset UpdatedAt,
    SlaReplanResponse? Replan)
{
    /// <param name="replan">The re-plan of open tickets a change started (responses to changes only).</param>
    public static SlaPolicyResponse From(SlaPolicy policy, SlaReplan? replan = null) => new(
        policy.Id, policy.Name, policy.Tier, policy.CalendarId, policy.Targets, policy.WarningPercent, policy.CreatedAt, policy.UpdatedAt,
        replan is null ? null : SlaReplanResponse.From(replan));
}
