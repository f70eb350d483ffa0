namespace Crm.Hosting;

public sealed class DistributedApplicationOptions
{
    public string[] Args { get; set; } = [];

    /// <summary>Where the servers keep their data; defaults to <c>&lt;repo root&gt;/.state</c>.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Trades PostgreSQL durability for speed; never for a normal run.</summary>
    public bool ForTests { get; set; }

    /// <summary>Deletes the state directory before starting (also set by the <c>--wipe</c> argument).</summary>
    public bool WipeState { get; set; }

    public string EnvironmentName { get; set; } = "Development";

    /// <summary>Overrides every other configuration source (keys use ':' as in appsettings.json).</summary>
    public IDictionary<string, string?> Configuration { get; set; } = new Dictionary<string, string?>();

    /// <summary>Receives every line the resources print, with the resource name.</summary>
    public Action<string, string> LogSink { get; set; } = ConsoleLogSink.Write;

    public ServerBinaries Binaries { get; set; } = new();
}
