using Crm.Sales.Model;

namespace Crm.Sales.Tests;

public sealed class FollowUpClockTests
{
    private static readonly DateTimeOffset Registered = new(2027, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_clock_starts_at_the_last_interaction_or_else_at_registration()
    {
        FollowUpClock.NextDue(Registered, null, 14).ShouldBe(Registered.AddDays(14));
        FollowUpClock.NextDue(Registered, Registered.AddDays(3), 7).ShouldBe(Registered.AddDays(10));
    }

    [Fact]
    public void A_task_is_due_from_the_start_of_its_day_and_overdue_after_its_time()
    {
        var dueAt = new DateTimeOffset(2027, 3, 8, 15, 0, 0, TimeSpan.Zero);

        FollowUpClock.IsDue(dueAt, new DateTimeOffset(2027, 3, 7, 23, 59, 59, TimeSpan.Zero)).ShouldBeFalse();
        FollowUpClock.IsDue(dueAt, new DateTimeOffset(2027, 3, 8, 0, 0, 0, TimeSpan.Zero)).ShouldBeTrue();
        FollowUpClock.IsOverdue(dueAt, dueAt).ShouldBeFalse();
        FollowUpClock.IsOverdue(dueAt, dueAt.AddSeconds(1)).ShouldBeTrue();
        FollowUpClock.EndOfDay(dueAt).ShouldBe(new DateTimeOffset(2027, 3, 9, 0, 0, 0, TimeSpan.Zero));
    }
}
