using System.Data.Common;
using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Crm.Support.Infrastructure;

/// <summary>
/// The quality figures computed where the tickets are: counts, averages and the 90th percentile are aggregates in
/// PostgreSQL, so a dashboard over hundreds of thousands of tickets moves a handful of rows, not every ticket of the
/// period. Each statement reads an index on the column its period is about (with the team first for a team's figures).
/// </summary>
public sealed class MetricsQueries(SupportDbContext db)
{
    public sealed record Backlog(TicketStatus Status, TicketPriority Priority, int Count);

    /// <summary>Minutes, for the tickets the statement covers; null averages without tickets.</summary>
    public sealed record Durations(int Count, double? AverageMinutes, double? P90Minutes);

    public sealed record Created(Durations FirstResponse, int FirstResponseTargets, int FirstResponseMet, int ResolutionTargets, int ResolutionMet);

    public sealed record CategoryPeriod(DateOnly PeriodStart, string Category, int Count);

    public async Task<List<Backlog>> BacklogAsync(Guid? team, CancellationToken cancellationToken) =>
        await ReadAsync($"""
            SELECT status, priority, count(*)::int FROM tickets
            WHERE status IN ('New', 'Open', 'Pending') {TeamFilter(team)}
            GROUP BY status, priority
            """, Parameters(team), row => new Backlog(Enum.Parse<TicketStatus>(row.GetString(0)), (TicketPriority)row.GetInt32(1), row.GetInt32(2)),
            cancellationToken);

    /// <summary>First-response times and SLA outcomes of the tickets created in the period.</summary>
    public async Task<Created> CreatedAsync(DateTimeOffset from, DateTimeOffset to, Guid? team, CancellationToken cancellationToken) =>
        (await ReadAsync($"""
            SELECT count(first_response_at)::int,
                avg(extract(epoch FROM first_response_at - created_at) / 60)::float8,
                (percentile_disc(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at) / 60))::float8,
                count(*) FILTER (WHERE first_response_due_at IS NOT NULL AND (first_response_at IS NOT NULL OR first_response_breached_at IS NOT NULL))::int,
                count(*) FILTER (WHERE first_response_due_at IS NOT NULL AND first_response_breached_at IS NULL AND first_response_at <= first_response_due_at)::int,
                count(*) FILTER (WHERE resolution_target IS NOT NULL AND (resolved_at IS NOT NULL OR resolution_breached_at IS NOT NULL))::int,
                count(*) FILTER (WHERE resolution_target IS NOT NULL AND resolved_at IS NOT NULL AND resolution_breached_at IS NULL)::int
            FROM tickets WHERE created_at >= @from AND created_at < @to {TeamFilter(team)}
            """, Parameters(team, from, to), row => new Created(
                new Durations(row.GetInt32(0), NullableDouble(row, 1), NullableDouble(row, 2)),
                row.GetInt32(3), row.GetInt32(4), row.GetInt32(5), row.GetInt32(6)), cancellationToken)).Single();

    /// <summary>Resolution times of the tickets resolved in the period.</summary>
    public async Task<Durations> ResolvedAsync(DateTimeOffset from, DateTimeOffset to, Guid? team, CancellationToken cancellationToken) =>
        (await ReadAsync($"""
            SELECT count(*)::int,
                avg(extract(epoch FROM resolved_at - created_at) / 60)::float8,
                (percentile_disc(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at) / 60))::float8
            FROM tickets WHERE resolved_at >= @from AND resolved_at < @to {TeamFilter(team)}
            """, Parameters(team, from, to), row => new Durations(row.GetInt32(0), NullableDouble(row, 1), NullableDouble(row, 2)),
            cancellationToken)).Single();

    /// <summary>Tickets created per week (from Monday, UTC) or month and category.</summary>
    public async Task<List<CategoryPeriod>> CreatedByCategoryAsync(DateTimeOffset from, DateTimeOffset to, string interval, Guid? team,
        CancellationToken cancellationToken)
    {
        var unit = interval == "month" ? "month" : "week";
        return await ReadAsync($"""
            SELECT date_trunc('{unit}', created_at AT TIME ZONE 'UTC')::date AS period, category, count(*)::int FROM tickets
            WHERE created_at >= @from AND created_at < @to {TeamFilter(team)}
            GROUP BY period, category
            """, Parameters(team, from, to), row => new CategoryPeriod(DateOnly.FromDateTime(row.GetDateTime(0)), row.GetString(1), row.GetInt32(2)),
            cancellationToken);
    }

    private static string TeamFilter(Guid? team) => team is null ? "" : "AND team_id = @team";

    private static NpgsqlParameter[] Parameters(Guid? team, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
    [
        .. team is { } id ? [new NpgsqlParameter("team", id)] : Array.Empty<NpgsqlParameter>(),
        .. from is { } start ? [new NpgsqlParameter("from", start.ToUniversalTime())] : Array.Empty<NpgsqlParameter>(),
        .. to is { } end ? [new NpgsqlParameter("to", end.ToUniversalTime())] : Array.Empty<NpgsqlParameter>(),
    ];

    private static double? NullableDouble(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetDouble(ordinal);

    private async Task<List<T>> ReadAsync<T>(string sql, NpgsqlParameter[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
