using System.Data.Common;
using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Crm.Support.Infrastructure;

/// <summary>
/// The quality figures of a period without reading every ticket of it: whole months and the whole UTC days around
/// them come from the roll-up (<see cref="TicketFigures"/>, a few rows per month or day for everyone or one team), and
/// only the hours before the first and after the last whole day are added up from the tickets, by the rules of the SQL function the roll-up is made of. An
/// agent's figures are read from the agent's own tickets (an index on the assignee), which are few.
/// </summary>
public sealed class MetricsQueries(SupportDbContext db)
{
    public sealed record Backlog(TicketStatus Status, TicketPriority Priority, int Count);

    public async Task<List<Backlog>> BacklogAsync(MetricsFilter filter, CancellationToken cancellationToken) =>
        await ReadAsync($"""
            SELECT status, priority, count(*)::int FROM tickets t
            WHERE status IN ('New', 'Open', 'Pending') {TicketFilter(filter)}
            GROUP BY status, priority
            """, FilterParameters(filter), row => new Backlog(Enum.Parse<TicketStatus>(row.GetString(0)), (TicketPriority)row.GetInt32(1), row.GetInt32(2)),
            cancellationToken);

    /// <param name="interval">week or month: the periods of <see cref="PeriodFigures.CreatedByCategory"/>.</param>
    public async Task<PeriodFigures> PeriodAsync(DateTimeOffset from, DateTimeOffset to, MetricsFilter filter, string interval,
        CancellationToken cancellationToken)
    {
        var figures = new PeriodFigures(interval);
        var firstWholeDay = DateOnly.FromDateTime(from.UtcDateTime);
        if (from.UtcDateTime.TimeOfDay != TimeSpan.Zero)
        {
            firstWholeDay = firstWholeDay.AddDays(1);
        }

        var endOfWholeDays = DateOnly.FromDateTime(to.UtcDateTime);
        if (filter.AgentId is not null || firstWholeDay >= endOfWholeDays)
        {
            await AddTicketFactsAsync(figures, (from, to), (from, from), filter, cancellationToken);
            return figures;
        }

        var wholeDaysStart = new DateTimeOffset(firstWholeDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var wholeDaysEnd = new DateTimeOffset(endOfWholeDays.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await AddRollUpAsync(figures, WholeMonths(firstWholeDay, endOfWholeDays), filter, cancellationToken);
        await AddTicketFactsAsync(figures, (from, wholeDaysStart), (wholeDaysEnd, to), filter, cancellationToken);
        return figures;
    }

    /// <summary>
    /// The whole calendar months within the whole days, and the days before and after them; without a whole month,
    /// all days lie before it.
    /// </summary>
    private static RollUpStretches WholeMonths(DateOnly firstWholeDay, DateOnly endOfWholeDays)
    {
        var firstWholeMonth = firstWholeDay.Day == 1 ? firstWholeDay : new DateOnly(firstWholeDay.Year, firstWholeDay.Month, 1).AddMonths(1);
        var endOfWholeMonths = new DateOnly(endOfWholeDays.Year, endOfWholeDays.Month, 1);
        return firstWholeMonth < endOfWholeMonths
            ? new RollUpStretches(firstWholeDay, firstWholeMonth, endOfWholeMonths, endOfWholeDays)
            : new RollUpStretches(firstWholeDay, endOfWholeDays, endOfWholeDays, endOfWholeDays);
    }

    /// <summary>
    /// The whole months from their month rows and the days around them from their day rows: a year is about a dozen
    /// month rows and up to two months of day rows per category, instead of 365 day rows. A weekly series cannot be cut
    /// from months, so then the months' tickets created per day come from the day rows' counts alone.
    /// </summary>
    private async Task AddRollUpAsync(PeriodFigures figures, RollUpStretches stretches, MetricsFilter filter, CancellationToken cancellationToken)
    {
        var grain = filter.TeamId is null ? TicketFiguresGrain.Everyone : TicketFiguresGrain.Team;
        var team = filter.TeamId ?? Guid.Empty;
        var (daysStart, monthsStart, monthsEnd, daysEnd) = stretches;
        var scoped = db.TicketFigures.AsNoTracking().Where(row => row.Grain == grain && row.TeamId == team);
        if (filter.Category is { } category)
        {
            scoped = scoped.Where(row => row.Category == category);
        }

        var rows = scoped.Where(row =>
            row.Span == TicketFiguresSpan.Day && (row.FirstDay >= daysStart && row.FirstDay < monthsStart || row.FirstDay >= monthsEnd && row.FirstDay < daysEnd)
            || row.Span == TicketFiguresSpan.Month && row.FirstDay >= monthsStart && row.FirstDay < monthsEnd);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            figures.Add(row);
        }

        if (figures.SeriesFromMonths || monthsStart == monthsEnd)
        {
            return;
        }

        var createdPerDay = scoped
            .Where(row => row.Span == TicketFiguresSpan.Day && row.FirstDay >= monthsStart && row.FirstDay < monthsEnd && row.Created != 0)
            .Select(row => new { row.FirstDay, row.Category, row.Created });
        await foreach (var day in createdPerDay.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            figures.AddCreated(day.FirstDay, day.Category, day.Created);
        }
    }

    /// <summary>
    /// What tickets created or resolved within the two stretches add (an empty stretch adds nothing), grouped by day,
    /// category and histogram bucket. These are the facts of <c>ticket_figure_facts</c> added up in one aggregate per
    /// side: calling that function per ticket costs a subplan per row, which dominated the whole company's figures (the
    /// roll-up test and the metrics tests check both against the tickets).
    /// </summary>
    private async Task AddTicketFactsAsync(PeriodFigures figures, (DateTimeOffset From, DateTimeOffset To) first,
        (DateTimeOffset From, DateTimeOffset To) second, MetricsFilter filter, CancellationToken cancellationToken)
    {
        const string createdWithin = "(t.created_at >= @from1 AND t.created_at < @to1 OR t.created_at >= @from2 AND t.created_at < @to2)";
        const string resolvedWithin = "(t.resolved_at >= @from1 AND t.resolved_at < @to1 OR t.resolved_at >= @from2 AND t.resolved_at < @to2)";
        const string answered = "floor(extract(epoch FROM t.first_response_at - t.created_at) * 1000)::bigint";
        const string took = "floor(extract(epoch FROM t.resolved_at - t.created_at) * 1000)::bigint";
        var facts = await ReadAsync($"""
            SELECT (t.created_at AT TIME ZONE 'UTC')::date, t.category, count(*)::int, count(t.first_response_at)::int,
                coalesce(sum({answered}), 0)::bigint, ticket_figures_bucket({answered}) AS bucket,
                count(*) FILTER (WHERE t.first_response_due_at IS NOT NULL AND (t.first_response_at IS NOT NULL OR t.first_response_breached_at IS NOT NULL))::int,
                count(*) FILTER (WHERE t.first_response_due_at IS NOT NULL AND t.first_response_breached_at IS NULL AND t.first_response_at <= t.first_response_due_at)::int,
                count(*) FILTER (WHERE t.resolution_target IS NOT NULL AND (t.resolved_at IS NOT NULL OR t.resolution_breached_at IS NOT NULL))::int,
                count(*) FILTER (WHERE t.resolution_target IS NOT NULL AND t.resolved_at IS NOT NULL AND t.resolution_breached_at IS NULL)::int,
                0, 0::bigint, NULL::integer
            FROM tickets t WHERE {createdWithin} {TicketFilter(filter)}
            GROUP BY 1, 2, 6
            UNION ALL
            SELECT (t.resolved_at AT TIME ZONE 'UTC')::date, t.category, 0, 0, 0::bigint, NULL::integer, 0, 0, 0, 0,
                count(*)::int, sum({took})::bigint, ticket_figures_bucket({took}) AS bucket
            FROM tickets t WHERE {resolvedWithin} {TicketFilter(filter)}
            GROUP BY 1, 2, 13
            """,
            [
                .. FilterParameters(filter),
                new NpgsqlParameter("from1", first.From.ToUniversalTime()), new NpgsqlParameter("to1", first.To.ToUniversalTime()),
                new NpgsqlParameter("from2", second.From.ToUniversalTime()), new NpgsqlParameter("to2", second.To.ToUniversalTime()),
            ],
            row => new TicketFact(DateOnly.FromDateTime(row.GetDateTime(0)), row.GetString(1), row.GetInt32(2), row.GetInt32(3), row.GetInt64(4),
                NullableInt(row, 5), row.GetInt32(6), row.GetInt32(7), row.GetInt32(8), row.GetInt32(9), row.GetInt32(10), row.GetInt64(11),
                NullableInt(row, 12)),
            cancellationToken);
        foreach (var fact in facts)
        {
            figures.Add(fact);
        }
    }

    private static string TicketFilter(MetricsFilter filter) =>
        (filter.TeamId is null ? "" : " AND t.team_id = @team")
        + (filter.AgentId is null ? "" : " AND t.assignee_id = @agent")
        + (filter.Category is null ? "" : " AND t.category = @category");

    private static NpgsqlParameter[] FilterParameters(MetricsFilter filter) =>
    [
        .. filter.TeamId is { } team ? [new NpgsqlParameter("team", team)] : Array.Empty<NpgsqlParameter>(),
        .. filter.AgentId is { } agent ? [new NpgsqlParameter("agent", agent)] : Array.Empty<NpgsqlParameter>(),
        .. filter.Category is { } category ? [new NpgsqlParameter("category", category)] : Array.Empty<NpgsqlParameter>(),
    ];

    private static int? NullableInt(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetInt32(ordinal);

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
