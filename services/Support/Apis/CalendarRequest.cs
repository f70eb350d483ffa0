using Crm.Support.Model;
using FluentValidation;

namespace Crm.Support.Apis;

/// <param name="TimeZoneId">An IANA id such as Europe/Berlin; hours and holidays are local to it.</param>
/// <param name="AlwaysOpen">24/7: hours and holidays are then not needed and not used.</param>
/// <param name="Hours">Working stretches per weekday; several per day for breaks. An end of 00:00 means midnight.</param>
/// <param name="Holidays">Local dates without working time.</param>
public sealed record CalendarRequest(string? Name, string? TimeZoneId, bool? AlwaysOpen, List<WorkingHoursRequest>? Hours, List<DateOnly>? Holidays)
{
    public void ApplyTo(BusinessCalendar calendar)
    {
        calendar.Name = Name!.Trim();
        calendar.TimeZoneId = TimeZoneId!.Trim();
        calendar.AlwaysOpen = AlwaysOpen ?? false;
        calendar.Hours = [.. (Hours ?? []).Select(h => new WorkingHours(h.Day!.Value, h.Start!.Value, h.End!.Value)).OrderBy(h => h.Day).ThenBy(h => h.Start)];
        calendar.Holidays = [.. (Holidays ?? []).Distinct().Order()];
    }
}

public sealed record WorkingHoursRequest(DayOfWeek? Day, TimeOnly? Start, TimeOnly? End);

public sealed class CalendarRequestValidator : AbstractValidator<CalendarRequest>
{
    public CalendarRequestValidator()
    {
        RuleFor(request => request.Name).NotEmpty().MaximumLength(100).WithoutNulCharacters();
        RuleFor(request => request.TimeZoneId).NotEmpty().MaximumLength(64)
            .Must(id => id is null || TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out _))
            .WithMessage("'timeZoneId' is not a known time zone id (IANA, e.g. Europe/Berlin).");
        RuleFor(request => request.Hours).NotEmpty().When(request => request.AlwaysOpen != true)
            .WithMessage("A calendar that is not open around the clock needs working hours.");
        RuleFor(request => request.Hours).Must(hours => hours is null || hours.Count <= 50).WithMessage("At most 50 working stretches.");
        RuleForEach(request => request.Hours).ChildRules(hours =>
        {
            hours.RuleFor(h => h.Day).NotNull().IsInEnum();
            hours.RuleFor(h => h.Start).NotNull();
            hours.RuleFor(h => h.End).NotNull();
            hours.RuleFor(h => h).Must(h => h.Start is null || h.End is null || h.End == TimeOnly.MinValue || h.End > h.Start)
                .WithName("end").WithMessage("'end' is after 'start' (00:00 for midnight).");
        });
        RuleFor(request => request.Hours).Must(NotOverlap!).When(request => request.Hours is not null)
            .WithMessage("Working stretches of one day may not overlap.");
        RuleFor(request => request.Holidays).Must(days => days is null || days.Count <= 1000).WithMessage("At most 1000 holidays.");
    }

    private static bool NotOverlap(List<WorkingHoursRequest> hours) =>
        hours.Where(h => h is { Day: not null, Start: not null, End: not null })
            .GroupBy(h => h.Day)
            .All(day =>
            {
                var ordered = day.Select(h => new WorkingHours(h.Day!.Value, h.Start!.Value, h.End!.Value)).OrderBy(h => h.Start).ToList();
                return ordered.Zip(ordered.Skip(1)).All(pair => pair.First.EndOfDayOffset <= pair.Second.Start.ToTimeSpan());
            });
}
