using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Crm.BuildingBlocks.CustomFields;

/// <summary>
/// Btree indexes on the value of each single-choice field, one per list order the service names:
/// <c>((custom_fields -&gt;&gt; 'key'), name, id)</c>, over the records that have a value. A filter on a choice then reads its matches in the list's order and
/// stops at the page, however many or few they are, and the index's statistics tell PostgreSQL how common each option is
/// (the GIN index of the values has none). Fields are defined at run time, so the indexes are too: built without
/// blocking writers (<c>CONCURRENTLY</c>), dropped when their field goes, named <c>cf_&lt;key&gt;__&lt;suffix&gt;</c>.
/// </summary>
public static class CustomFieldIndexes
{
    private const string Prefix = "cf_";

    /// <summary>Whether an equality filter on the field is served by these indexes (see <see cref="CustomFieldQueries.WhereCustomFields{T}"/>).</summary>
    public static bool Serves(CustomFieldFilter filter) => filter is { Operator: "=", Field.Type: CustomFieldType.SingleChoice };

    public static string NameOf(string key, CustomFieldIndexOrder order) => $"{Prefix}{key}__{order.Suffix}";

    /// <summary>
    /// Builds the missing indexes of the single-choice fields and drops those of fields gone (or rebuilds one a failed build
    /// left invalid), then analyzes the table when anything was built so the planner knows the options' shares. One
    /// replica at a time (a session advisory lock per table); returns how many indexes changed. A build takes seconds per
    /// million records and no statement timeout applies to it.
    /// </summary>
    public static async Task<int> ReconcileAsync<TContext>(
        TContext db, string table, IReadOnlyList<CustomFieldIndexOrder> orders, CancellationToken cancellationToken)
        where TContext : DbContext, ICustomFieldsDbContext
    {
        var wanted = (await db.DefinitionsAsync(cancellationToken))
            .Where(field => field.Type == CustomFieldType.SingleChoice && CustomFieldRules.KeyPattern().IsMatch(field.Key))
            .SelectMany(field => orders.Select(order => new WantedIndex(NameOf(field.Key, order), field.Key, order.Columns)))
            .ToList();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var lockKey = $"custom-field-indexes:{table}";
            if (await ScalarAsync<bool>(connection, "SELECT pg_try_advisory_lock(hashtext($1))", lockKey, cancellationToken) is not true)
            {
                return 0;
            }

            try
            {
                return await ReconcileLockedAsync(connection, table, wanted, cancellationToken);
            }
            finally
            {
                await ScalarAsync<bool>(connection, "SELECT pg_advisory_unlock(hashtext($1))", lockKey, CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<int> ReconcileLockedAsync(NpgsqlConnection connection, string table, List<WantedIndex> wanted, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using (var query = new NpgsqlCommand("""
            SELECT i.relname, x.indisvalid
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace AND i.relname LIKE 'cf\_%'
            """, connection) { Parameters = { new() { Value = table } } })
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                existing[reader.GetString(0)] = reader.GetBoolean(1);
            }
        }

        var changed = 0;
        foreach (var (name, _) in existing.Where(index => !index.Value || wanted.All(want => want.Name != index.Key)))
        {
            await ExecuteAsync(connection, $"DROP INDEX CONCURRENTLY IF EXISTS \"{name}\"", cancellationToken);
            changed++;
        }

        var missing = wanted.Where(want => !existing.GetValueOrDefault(want.Name)).ToList();
        foreach (var (name, key, columns) in missing)
        {
            // The key matched KeyPattern (letters, digits, underscores), so it is safe as a name and as a literal. Records
            // without a value get no entry (an equality filter implies a value), so writing them costs nothing here.
            await ExecuteAsync(connection,
                $"CREATE INDEX CONCURRENTLY IF NOT EXISTS \"{name}\" ON \"{table}\" ((custom_fields ->> '{key}'), {columns}) WHERE (custom_fields ->> '{key}') IS NOT NULL",
                cancellationToken);
        }

        if (missing.Count > 0)
        {
            await ExecuteAsync(connection, $"ANALYZE \"{table}\"", cancellationToken);
        }

        return changed + missing.Count;
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, string parameter, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
        return (T?)await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record WantedIndex(string Name, string Key, string Columns);
}
