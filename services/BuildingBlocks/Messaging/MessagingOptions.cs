namespace Crm.BuildingBlocks.Messaging;

/// <summary>Tuning of the outbox dispatcher and the consumers; bound from the <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>Fallback for commits this process did not see (other replicas, rows left by a previous run).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 100;

    /// <summary>How long one publish may wait for the broker's confirm; a broker that is down must not stall the dispatcher forever.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long dispatched outbox rows and inbox entries are kept. Dispatched rows stay so an operator can see what
    /// went out and re-send it (set dispatched_at back to NULL); inbox entries must outlive any such re-send and any
    /// redelivery, so both use the same period.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>In-memory retries of a failing consumer before MassTransit moves the message to the <c>_error</c> queue.</summary>
    public TimeSpan[] ConsumerRetryIntervals { get; set; } =
    [
        TimeSpan.FromMilliseconds(100),
        TimeSpan.FromMilliseconds(500),
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(5),
    ];
}
