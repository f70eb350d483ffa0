using System.Collections.Concurrent;

namespace Crm.BuildingBlocks.Tests.Infrastructure;

/// <summary>Counts consumer invocations outside the database, which a failing attempt rolls back.</summary>
public sealed class AttemptCounter
{
    private readonly ConcurrentDictionary<string, int> attempts = new();

    public int Increment(string key) => attempts.AddOrUpdate(key, 1, (_, count) => count + 1);

    public int Get(string key) => attempts.GetValueOrDefault(key);
}
