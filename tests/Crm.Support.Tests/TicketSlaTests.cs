using Crm.Support.Model;

namespace Crm.Support.Tests;

/// <summary>A ticket's due times on the Berlin office calendar (Mon–Fri 09:00–17:00, UTC+1 in November 2026).</summary>
public sealed class TicketSlaTests
{
    private static readonly BusinessClock Berlin = new(new WorkingCalendar(
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(day => new WorkingHours(day, new TimeOnly(9, 0), new TimeOnly(17, 0)))],
        new HashSet<DateOnly>(), AlwaysOpen: false));

    private static readonly SlaPolicy Policy = new()
    {
        Id = Guid.NewGuid(),
        Name = "General",
        CalendarId = Guid.NewGuid(),
        Targets = [new SlaTarget(TicketPriority.High, FirstResponseMinutes: 60, ResolutionMinutes: 16 * 60)],
    };

    [Fact]
    public void A_new_ticket_is_due_after_the_targets_working_time()
    {
        var ticket = NewTicket("2026-11-27T15:00:00+01:00");

        ticket.Plan(Policy, Berlin);

        ticket.FirstResponseDueAt.ShouldBe(DateTimeOffset.Parse("2026-11-27T16:00:00+01:00"));
        // Friday 2 h, Monday 8 h, Tuesday 6 h.
        ticket.ResolutionDueAt.ShouldBe(DateTimeOffset.Parse("2026-12-01T15:00:00+01:00"));
    }

    [Fact]
    public void Waiting_on_the_customer_stops_the_resolution_clock_and_resuming_moves_the_due_time()
    {
        var ticket = NewTicket("2026-11-23T09:00:00+01:00");
        ticket.Plan(Policy, Berlin);
        ticket.ResolutionDueAt.ShouldBe(DateTimeOffset.Parse("2026-11-24T17:00:00+01:00"));

        // Pending from Monday 15:00 to Tuesday 10:00: 3 working hours stood still.
        ticket.StopClock(DateTimeOffset.Parse("2026-11-23T15:00:00+01:00"));
        ticket.ResolutionDueAt.ShouldBeNull();
        ticket.ResolutionRemaining(Berlin, DateTimeOffset.Parse("2026-11-24T09:30:00+01:00")).ShouldBe(TimeSpan.FromHours(10));
        ticket.StartClock(Berlin, DateTimeOffset.Parse("2026-11-24T10:00:00+01:00"));

        ticket.SlaPausedWork.ShouldBe(TimeSpan.FromHours(3));
        ticket.ResolutionDueAt.ShouldBe(DateTimeOffset.Parse("2026-11-25T12:00:00+01:00"));
        ticket.ResolutionRemaining(Berlin, DateTimeOffset.Parse("2026-11-24T10:00:00+01:00")).ShouldBe(TimeSpan.FromHours(10));
        ticket.FirstResponseDueAt.ShouldBe(DateTimeOffset.Parse("2026-11-23T10:00:00+01:00"), "waiting on the customer does not move the first response");
    }

    [Fact]
    public void Re_planning_for_a_faster_policy_keeps_the_paused_time()
    {
        var ticket = NewTicket("2026-11-23T09:00:00+01:00");
        ticket.Plan(Policy, Berlin);
        ticket.StopClock(DateTimeOffset.Parse("2026-11-23T10:00:00+01:00"));
        ticket.StartClock(Berlin, DateTimeOffset.Parse("2026-11-23T12:00:00+01:00"));
        var faster = new SlaPolicy
        {
            Id = Guid.NewGuid(),
            Name = "High value",
            Tier = CustomerTier.HighValue,
            CalendarId = Policy.CalendarId,
            Targets = [new SlaTarget(TicketPriority.High, 15, 4 * 60)],
        };

        ticket.Plan(faster, Berlin);

        ticket.SlaPolicyId.ShouldBe(faster.Id);
        ticket.FirstResponseDueAt.ShouldBe(DateTimeOffset.Parse("2026-11-23T09:15:00+01:00"));
        // 4 h of target plus the 2 h that stood still.
        ticket.ResolutionDueAt.ShouldBe(DateTimeOffset.Parse("2026-11-23T15:00:00+01:00"));
    }

    [Fact]
    public void Without_a_target_for_the_priority_there_are_no_due_times()
    {
        var ticket = NewTicket("2026-11-23T09:00:00+01:00");
        ticket.Priority = TicketPriority.Low;

        ticket.Plan(Policy, Berlin);

        ticket.SlaPolicyId.ShouldBeNull();
        ticket.FirstResponseDueAt.ShouldBeNull();
        ticket.ResolutionDueAt.ShouldBeNull();
        ticket.ResolutionRemaining(Berlin, DateTimeOffset.Parse("2026-11-23T10:00:00+01:00")).ShouldBeNull();
    }

    [Fact]
    public void Remaining_time_turns_negative_once_late()
    {
        var ticket = NewTicket("2026-11-23T09:00:00+01:00");
        ticket.Plan(Policy, Berlin);

        ticket.FirstResponseRemaining(Berlin, DateTimeOffset.Parse("2026-11-23T09:45:00+01:00")).ShouldBe(TimeSpan.FromMinutes(15));
        ticket.FirstResponseRemaining(Berlin, DateTimeOffset.Parse("2026-11-23T11:00:00+01:00")).ShouldBe(TimeSpan.FromHours(-1));
        ticket.FirstResponseAt = DateTimeOffset.Parse("2026-11-23T09:30:00+01:00");
        ticket.FirstResponseRemaining(Berlin, DateTimeOffset.Parse("2026-11-25T11:00:00+01:00")).ShouldBe(TimeSpan.FromMinutes(30), "frozen once met");
    }

    private static Ticket NewTicket(string createdAt) => new()
    {
        Id = Guid.NewGuid(),
        Subject = "Printer",
        Description = "",
        Category = TicketCategory.Incident,
        Priority = TicketPriority.High,
        CreatedAt = DateTimeOffset.Parse(createdAt),
    };
}
