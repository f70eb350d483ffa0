using Microsoft.Extensions.Configuration;

namespace Crm.Hosting;

/// <summary>What every resource needs from the application: settings, where to keep data, where to log.</summary>
internal sealed class HostingContext(DistributedApplicationOptions options, IConfiguration configuration, string stateDirectory, string? repositoryRoot)
{
    public DistributedApplicationOptions Options => options;

    public IConfiguration Configuration => configuration;

    public string StateDirectory => stateDirectory;

    public string RepositoryRoot => repositoryRoot
        ?? throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains {Orchestration.RepositoryLocator.SolutionFileName}.");

    public ServerBinaries Binaries => options.Binaries;

    public void Log(string resource, string line) => options.LogSink(resource, line);

    /// <summary>A connection string configured for a server means "use that server, start nothing".</summary>
    public string? ExistingConnectionString(string name) => configuration.GetConnectionString(name) is { Length: > 0 } value ? value : null;
}
