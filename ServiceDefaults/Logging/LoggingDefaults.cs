using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

namespace Crm.ServiceDefaults.Logging;

/// <summary>
/// Log levels every process starts from, beneath its own settings. Polly reports each outgoing HTTP attempt at
/// Information, a line for every call to another service; its retries and failures come at Warning and still show.
/// </summary>
public static class LoggingDefaults
{
    private static readonly Dictionary<string, string?> Levels = new()
    {
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    /// <summary>The first configuration source, so appsettings, the environment and the command line all override it.</summary>
    public static TBuilder AddLoggingDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
        return builder;
    }
}
