namespace Crm.Support.Model;

/// <summary>An administrator's business-hours calendar that SLA policies count on.</summary>
public class BusinessCalendar
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>An IANA time zone id (Europe/Berlin); hours and holidays are local to it.</summary>
    public required string TimeZoneId { get; set; }

    /// <summary>24/7: every instant is working time, hours and holidays are ignored.</summary>
    public bool AlwaysOpen { get; set; }

    public List<WorkingHours> Hours { get; set; } = [];
    public List<DateOnly> Holidays { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }

    public WorkingCalendar ToWorkingCalendar() =>
        new(TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId), Hours, Holidays.ToHashSet(), AlwaysOpen);
}
