namespace Crm.ServiceDefaults.WarmUp;

/// <summary>
/// Work a process does once after it has started and before it reports ready. A cold process compiles its code paths,
/// its first queries and opens its first connections on the first request or event; on two cores, with the other
/// services starting too, that took seconds. A step runs those paths once so real traffic does not pay for them.
/// </summary>
public interface IWarmUpStep
{
    Task RunAsync(CancellationToken cancellationToken);
}
