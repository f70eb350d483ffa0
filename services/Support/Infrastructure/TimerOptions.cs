namespace Crm.Support.Infrastructure;

/// <summary>Settings of the durable-timer worker (section <c>Timers</c>).</summary>
public sealed class TimerOptions
{
    /// <summary>How often each replica looks for due timers: a breach is seen at most this long after its deadline.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timers claimed per transaction.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a timer whose work failed (the mail server was down) waits before it is tried again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
