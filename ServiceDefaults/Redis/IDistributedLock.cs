namespace Crm.ServiceDefaults.Redis;

/// <summary>Lets scheduled work (sweeps, timers) run on one replica at a time.</summary>
public interface IDistributedLock
{
    /// <summary>
    /// Takes the named lock for at most <paramref name="lease"/>, or returns null when another holder has it.
    /// The lease bounds how long a crashed holder can block the others.
    /// </summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken = default);
}
