namespace Crm.Gateway.Options;

public sealed class TimeoutOptions
{
    public int DefaultSeconds { get; set; } = 30;

    /// <summary>Imports and exports (<c>/api/&lt;service&gt;/imports</c>, <c>/exports</c> and below) work through whole files.</summary>
    public int LongRunningSeconds { get; set; } = 300;

    public TimeSpan Default => TimeSpan.FromSeconds(DefaultSeconds);

    public TimeSpan LongRunning => TimeSpan.FromSeconds(LongRunningSeconds);

    internal IEnumerable<string> Problems()
    {
        if (DefaultSeconds < 1)
        {
            yield return "Gateway:Timeouts:DefaultSeconds must be at least 1.";
        }

        if (LongRunningSeconds < DefaultSeconds)
        {
            yield return "Gateway:Timeouts:LongRunningSeconds must not be below Gateway:Timeouts:DefaultSeconds.";
        }
    }
}
