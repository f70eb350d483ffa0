using System.Collections.Concurrent;

namespace Crm.BuildingBlocks.Messaging;

/// <summary>The probes this process has sent and waits for.</summary>
internal sealed class WarmUpProbes
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> awaited = new();

    public Task Expect(Guid probeId) =>
        awaited.GetOrAdd(probeId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Forget(Guid probeId) => awaited.TryRemove(probeId, out _);

    public void Arrived(Guid probeId)
    {
        if (awaited.TryRemove(probeId, out var arrival))
        {
            arrival.TrySetResult();
        }
    }
}
