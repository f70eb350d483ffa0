using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Redis;
using Shouldly;
using StackExchange.Redis;

namespace Crm.EndToEnd.Tests;

/// <summary>Scheduled work takes this lock so that only one replica runs it at a time.</summary>
public sealed class DistributedLockTests(CrmSystemFixture system) : IAsyncLifetime
{
    private ConnectionMultiplexer redis = null!;

    public async ValueTask InitializeAsync() =>
        redis = await ConnectionMultiplexer.ConnectAsync(system.App.GetConnectionString("cache"));

    [Fact]
    public async Task Only_one_holder_at_a_time_and_released_locks_can_be_taken_again()
    {
        var replicaA = new RedisDistributedLock(redis);
        var replicaB = new RedisDistributedLock(redis);
        var name = $"nightly-sweep-{Guid.NewGuid():N}";

        var held = await replicaA.TryAcquireAsync(name, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        held.ShouldNotBeNull();
        (await replicaB.TryAcquireAsync(name, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken)).ShouldBeNull();

        await held.DisposeAsync();
        var next = await replicaB.TryAcquireAsync(name, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        next.ShouldNotBeNull();
        await next.DisposeAsync();
    }

    [Fact]
    public async Task A_crashed_holder_blocks_others_only_until_its_lease_ends_and_cannot_release_a_successors_lock()
    {
        var crashed = new RedisDistributedLock(redis);
        var successor = new RedisDistributedLock(redis);
        var name = $"sla-timers-{Guid.NewGuid():N}";

        var stale = await crashed.TryAcquireAsync(name, TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        stale.ShouldNotBeNull();
        IAsyncDisposable? taken = null;
        await Eventually.HoldsAsync(async () =>
                (taken = await successor.TryAcquireAsync(name, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken)) is not null,
            TimeSpan.FromSeconds(5), "the lease of the crashed holder ran out");

        await stale.DisposeAsync();
        (await redis.GetDatabase().KeyExistsAsync($"lock:{name}")).ShouldBeTrue("the late release must not free the successor's lock");
        await taken!.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await redis.DisposeAsync();
}
