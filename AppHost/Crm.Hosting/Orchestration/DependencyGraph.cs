namespace Crm.Hosting.Orchestration;

/// <summary>Starts resources as soon as their dependencies are ready, and stops them after their dependents.</summary>
internal sealed class DependencyGraph
{
    private readonly IReadOnlyList<Resource> resources;
    private readonly Action<string, string> log;

    public DependencyGraph(IReadOnlyList<Resource> resources, Action<string, string> log)
    {
        this.resources = resources;
        this.log = log;
        foreach (var resource in resources)
        {
            ThrowIfCycle(resource, []);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // One failure cancels the rest, so a missing server is reported now rather than after every other boot.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var all = InOrderAsync(
            resource => resource.Dependencies,
            async resource =>
            {
                try
                {
                    await resource.StartAsync(failed.Token);
                }
                catch
                {
                    await failed.CancelAsync();
                    throw;
                }
            });
        try
        {
            await all;
        }
        catch
        {
            var exceptions = all.Exception?.InnerExceptions ?? [];
            throw exceptions.FirstOrDefault(e => e is not OperationCanceledException)
                ?? exceptions.FirstOrDefault()
                ?? new OperationCanceledException(cancellationToken);
        }
    }

    /// <summary>Stops everything, in reverse dependency order; a failure is logged and the rest still stops.</summary>
    public Task StopAsync() => InOrderAsync(
        resource => resources.Where(other => other.Dependencies.Contains(resource)),
        async resource =>
        {
            try
            {
                await resource.StopAsync();
            }
            catch (Exception e)
            {
                log(resource.Name, $"failed to stop: {e.Message}");
            }
        });

    /// <summary>Runs <paramref name="action"/> on every resource once all of its <paramref name="prerequisites"/> have finished theirs.</summary>
    private Task InOrderAsync(Func<Resource, IEnumerable<Resource>> prerequisites, Func<Resource, Task> action)
    {
        var tasks = new Dictionary<Resource, Task>();

        Task Run(Resource resource)
        {
            lock (tasks)
            {
                if (!tasks.TryGetValue(resource, out var task))
                {
                    task = AfterPrerequisitesAsync(resource);
                    tasks[resource] = task;
                }

                return task;
            }
        }

        async Task AfterPrerequisitesAsync(Resource resource)
        {
            await Task.WhenAll(prerequisites(resource).Select(Run));
            await action(resource);
        }

        return Task.WhenAll(resources.Select(Run));
    }

    private static void ThrowIfCycle(Resource resource, List<Resource> path)
    {
        if (path.Contains(resource))
        {
            throw new InvalidOperationException(
                $"Resources wait for each other in a cycle: {string.Join(" -> ", path.Append(resource).Select(r => r.Name))}");
        }

        path.Add(resource);
        foreach (var dependency in resource.Dependencies)
        {
            ThrowIfCycle(dependency, path);
        }

        path.RemoveAt(path.Count - 1);
    }
}
