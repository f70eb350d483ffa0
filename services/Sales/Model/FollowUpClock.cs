namespace Crm.Sales.Model;

/// <summary>When a customer's next follow-up is due, and when a task counts as due or overdue.</summary>
public static class FollowUpClock
{
    /// <summary>
    /// The tier's interval after the clock's start: the last logged interaction, or else the customer's registration.
    /// A date already past is kept, so the follow-up is overdue at once and announced as such.
    /// </summary>
    public static DateTimeOffset NextDue(DateTimeOffset registeredAt, DateTimeOffset? lastInteractionAt, int intervalDays) =>
        (lastInteractionAt ?? registeredAt).AddDays(intervalDays);

    /// <summary>Due from the start of its due day (UTC) on.</summary>
    public static bool IsDue(DateTimeOffset dueAt, DateTimeOffset now) => now.UtcDateTime.Date >= dueAt.UtcDateTime.Date;

    /// <summary>Overdue once its due time has passed without it being done.</summary>
    public static bool IsOverdue(DateTimeOffset dueAt, DateTimeOffset now) => now > dueAt;

    /// <summary>The start of the day after <paramref name="now"/> (UTC): what is due before it is due today.</summary>
    public static DateTimeOffset EndOfDay(DateTimeOffset now) => new(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
}
