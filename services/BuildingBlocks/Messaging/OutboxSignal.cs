namespace Crm.BuildingBlocks.Messaging;

/// <summary>
/// Wakes this process's dispatcher as soon as a transaction with outbox rows commits, so events leave in milliseconds
/// rather than at the next poll. Many notifications before one wait collapse into a single wake-up.
/// </summary>
internal sealed class OutboxSignal<TDbContext>
    where TDbContext : MessagingDbContext
{
    private readonly SemaphoreSlim wakeUp = new(0, 1);

    public void Notify()
    {
        if (wakeUp.CurrentCount > 0)
        {
            return;
        }

        try
        {
            wakeUp.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another commit woke the dispatcher in the meantime; one wake-up is enough.
        }
    }

    /// <summary>Returns when notified or when <paramref name="timeout"/> has passed, whichever is first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => wakeUp.WaitAsync(timeout, cancellationToken);
}
