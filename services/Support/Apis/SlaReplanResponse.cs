using Crm.Support.Model;

namespace Crm.Support.Apis;

/// <summary>A background re-plan of open tickets after a calendar or policy change, and how far it has come.</summary>
public sealed record SlaReplanResponse(
    Guid Id,
    Guid? CalendarId,
    Guid? PolicyId,
    SlaReplanState State,
    int Replanned,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt)
{
    public static SlaReplanResponse From(SlaReplan replan) => new(
        replan.Id, replan.CalendarId, replan.PolicyId, replan.State, replan.Replanned, replan.RequestedAt, replan.StartedAt, replan.CompletedAt);
}
