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
    DateTimeOffset UpdatedAt)
{
    public static CalendarResponse From(BusinessCalendar calendar) => new(
        calendar.Id, calendar.Name, calendar.TimeZoneId, calendar.AlwaysOpen, calendar.Hours, calendar.Holidays, calendar.CreatedAt, calendar.UpdatedAt);
}
