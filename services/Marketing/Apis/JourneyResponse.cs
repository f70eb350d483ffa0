using Crm.Marketing.Model;

namespace Crm.Marketing.Apis;

public sealed record JourneyResponse(
    Guid Id, string Name, JourneyStatus Status, JourneyTrigger Trigger, Guid? TriggerSegmentId, string? TriggerMatch, string? TriggerValue,
    IReadOnlyList<JourneyStep> Steps, string FromAddress, string FromName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static JourneyResponse From(Journey journey) => new(
        journey.Id, journey.Name, journey.Status, journey.Trigger, journey.TriggerSegmentId, journey.TriggerMatch, journey.TriggerValue,
        journey.Plan, journey.FromAddress, journey.FromName, journey.CreatedAt, journey.UpdatedAt);
}
