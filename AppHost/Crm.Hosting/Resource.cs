namespace Crm.Hosting;

public abstract class Resource : IResource
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile ResourceState state = ResourceState.NotStarted;

    private protected Resource(string name, HostingContext context)
    {
        Name = name;
        Context = context;
    }

    public string Name { get; }

    public ResourceState State
    {
        get => state;
        private protected set => state = value;
    }

    /// <summary>Resources that must be running before this one starts.</summary>
    internal HashSet<Resource> Dependencies { get; } = [];

    internal abstract string TypeName { get; }

    /// <summary>How to reach the resource, for the summary table.</summary>
    internal abstract string DisplayEndpoint { get; }

    private protected HostingContext Context { get; }

    /// <summary>Starts the resource alone (dependencies are the application's business); does nothing if running.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => ExclusiveAsync(async () =>
    {
        if (State == ResourceState.Running)
        {
            return;
        }

        State = ResourceState.Starting;
        try
        {
            await OnStartAsync(cancellationToken);
            State = ResourceState.Running;
        }
        catch
        {
            State = ResourceState.Stopping;
            await OnStopAsync();
            State = ResourceState.Failed;
            throw;
        }
    }, cancellationToken);

    /// <summary>Stops the resource and waits until its processes are gone; does nothing if not running.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => ExclusiveAsync(async () =>
    {
        if (State is ResourceState.NotStarted or ResourceState.Stopped or ResourceState.Failed)
        {
            return;
        }

        State = ResourceState.Stopping;
        await OnStopAsync();
        State = ResourceState.Stopped;
    }, cancellationToken);

    private protected abstract Task OnStartAsync(CancellationToken cancellationToken);

    private protected abstract Task OnStopAsync();

    private protected void Log(string line) => Context.Log(Name, line);

    private protected async Task ExclusiveAsync(Func<Task> action, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await action();
        }
        finally
        {
            gate.Release();
        }
    }
}
