using Crm.Hosting.Orchestration;
using Microsoft.Extensions.Configuration;

namespace Crm.Hosting;

public sealed class DistributedApplicationBuilder
{
    private const string WipeArgument = "--wipe";

    private readonly List<Resource> resources = [];
    private readonly List<Func<string>> summaryLines = [];
    private readonly bool wipeState;

    internal DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        wipeState = options.WipeState || options.Args.Contains(WipeArgument);
        Configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{options.EnvironmentName}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. options.Args.Where(arg => arg != WipeArgument)])
            .AddInMemoryCollection(options.Configuration)
            .Build();

        // Lets a machine with servers installed elsewhere say so, e.g. --AppHost:Binaries:PostgresRoot=/opt/postgresql.
        Configuration.GetSection("AppHost:Binaries").Bind(options.Binaries);

        var repositoryRoot = RepositoryLocator.FindRoot();
        var stateDirectory = options.StateDirectory
            ?? Configuration["AppHost:StateDirectory"]
            ?? Path.Combine(repositoryRoot ?? throw new InvalidOperationException(
                $"No folder above {AppContext.BaseDirectory} contains {RepositoryLocator.SolutionFileName}; set a state directory."), ".state");
        Context = new HostingContext(options, Configuration, Path.GetFullPath(stateDirectory), repositoryRoot);
    }

    public IConfiguration Configuration { get; }

    public string StateDirectory => Context.StateDirectory;

    internal HostingContext Context { get; }

    public DistributedApplication Build() => new(Context, resources, wipeState, summaryLines);

    /// <summary>A parameter, as Aspire's <c>AddParameter</c>; a secret one is generated when not configured.</summary>
    public ParameterResource AddParameter(string name, bool secret = false) => new(name, secret, Context);

    /// <summary>A line printed under the resource table once everything runs, such as how to sign in.</summary>
    public DistributedApplicationBuilder AddSummaryLine(Func<string> line)
    {
        summaryLines.Add(line);
        return this;
    }

    internal IResourceBuilder<T> AddResource<T>(T resource)
        where T : Resource
    {
        if (resources.Any(existing => string.Equals(existing.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }
}
