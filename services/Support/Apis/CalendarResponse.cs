using Crm.Support.Model;

namespace Crm.Support.Apis;

public sealed record CalendarResponse(
    Guid Id,
    string Name,
    string TimeZoneId,
    bool AlwaysOpen,
    IReadOnlyList<WorkingHours> Hours,
    IReadOnlyList<DateOnly> Holidays,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    SlaReplanResponse? Replan)
{
    /// <param name="replan">The re-plan of open tickets a change started (responses to changes only).</param>
    public static CalendarResponse From(BusinessCalendar calendar, SlaReplan? replan = null) => new(
        calendar.Id, calendar.Name, calendar.TimeZoneId, calendar.AlwaysOpen, calendar.Hours, calendar.Holidays, calendar.CreatedAt, calendar.UpdatedAt,
        replan is null ? null : SlaReplanResponse.From(replan));
}
