namespace Crm.Customers.Infrastructure;

/// <summary>Configuration section <c>Customers:ValueSweep</c>.</summary>
public sealed class ValueSweepOptions
{
    public const string Section = "Customers:ValueSweep";

    /// <summary>The time of day (UTC) of the nightly sweep, when dormancy and recency have moved on by themselves.</summary>
    public TimeSpan NightlyAtUtc { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often a replica looks for a due sweep or an abandoned one.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int BatchSize { get; set; } = 500;

    /// <summary>How long a replica holds the sweep without reporting progress before another may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}
