using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Crm.BuildingBlocks.Messaging;

/// <summary>
/// PostgreSQL advisory locks of the outbox. The two-int form is used so these keys never meet the single bigint keys
/// an application may use for its own locks; the first int names the purpose.
/// </summary>
internal static class AdvisoryLocks
{
    private const int DispatcherSpace = 0x4F424458; // "OBDX"
    private const int OrderingKeySpace = 0x4F424F4B; // "OBOK"

    /// <summary>
    /// An identity value is taken at insert time, not at commit, so two transactions writing events for the same key
    /// could commit in the opposite order of their sequence numbers and the dispatcher would publish them reversed.
    /// Holding a lock per key until commit makes sequence order equal commit order for that key.
    /// </summary>
    public static async Task LockOrderingKeysAsync(DbContext db, IEnumerable<string> orderingKeys, CancellationToken cancellationToken)
    {
        // Always in ascending order: two transactions with overlapping keys then cannot deadlock on each other. One
        // statement for all keys, so a batch writing events for a thousand customers pays one round trip, not a thousand.
        var keys = orderingKeys.Select(Hash).Distinct().Order().ToArray();
        if (keys.Length == 1)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({OrderingKeySpace}, {keys[0]})", cancellationToken);
        }
        else if (keys.Length > 1)
        {
            await db.Database.ExecuteSqlAsync(
                $"SELECT pg_advisory_xact_lock({OrderingKeySpace}, key) FROM (SELECT key FROM unnest({keys}) AS key ORDER BY key) AS sorted",
                cancellationToken);
        }
    }

    /// <summary>One dispatcher per database at a time, so rows go out strictly in sequence order. Held until the transaction ends.</summary>
    public static Task<bool> TryLockDispatcherAsync(DbContext db, CancellationToken cancellationToken) =>
        db.Database
            .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({DispatcherSpace}, 0) AS \"Value\"")
            .SingleAsync(cancellationToken);

    /// <summary>Stable across processes and machines, unlike <see cref="string.GetHashCode()"/>; a rare collision only serialises two keys.</summary>
    private static int Hash(string orderingKey) =>
        BinaryPrimitives.ReadInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(orderingKey)));
}
