namespace Crm.Support.Infrastructure;

/// <summary>Settings of the background re-plan worker (section <c>SlaReplans</c>).</summary>
public sealed class SlaReplanOptions
{
    /// <summary>How often each replica looks for a re-plan to work on when there is none.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Tickets re-planned per transaction.</summary>
    public int BatchSize { get; set; } = 200;
}
