namespace Crm.Marketing.Sending;

/// <summary>
/// Holds one campaign to its rate while several connections send it: each connection reserves the next time slots for
/// its chunk and waits for the first. Slots follow each other at one minute / rate, so over any stretch of time no more
/// than the rate go out (a chunk is sent as one short burst). An idle pacer does not save up slots.
/// </summary>
public sealed class SendPacer(int ratePerMinute, TimeProvider clock)
{
    private readonly TimeSpan gap = TimeSpan.FromMinutes(1) / Math.Max(1, ratePerMinute);
    private readonly Lock gate = new();
    private DateTimeOffset next = DateTimeOffset.MinValue;

    /// <summary>
    /// How many mails a connection takes at a time: what the rate allows in a tenth of a second, at least one and at most
    /// <paramref name="largest"/>. A slow campaign goes one mail at a time, so a crash leaves at most one unconfirmed.
    /// </summary>
    public int ChunkSize(int largest) => Math.Clamp(ratePerMinute / 600, 1, Math.Max(1, largest));

    /// <summary>Reserves the next slots for <paramref name="mails"/> and waits for the first.</summary>
    /// <returns>False, reserving nothing, when the first slot is further away than <paramref name="longestWait"/>.</returns>
    public async Task<bool> WaitForTurnAsync(int mails, TimeSpan longestWait, CancellationToken cancellationToken)
    {
        DateTimeOffset start;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            start = next > now ? next : now;
            if (start - now > longestWait)
            {
                return false;
            }

            next = start + gap * mails;
        }

        var wait = start - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }

        return true;
    }
}
