using System.Globalization;
using Crm.BuildingBlocks.Mail;
using Crm.BuildingBlocks.Persistence;
using Crm.Hosting;
using Crm.ServiceDefaults.Authentication;
using Crm.Support.Apis;
using Crm.Support.Extensions;
using Crm.Support.Infrastructure;
using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Bench;

/// <summary>
/// The support service's speed targets on generated data: an agent's queue and the quality metrics with 500,000
/// tickets, and how soon after its deadline the durable-timer worker records a breach with 50,000 open tickets' timers
/// waiting. It runs the service's own handlers and timer worker in-process against a private PostgreSQL.
/// </summary>
public static class SupportBenchmark
{
    private const int Teams = 20;
    private const int AgentsPerTeam = 10;
    private static readonly string[] Categories = [TicketCategory.Question, TicketCategory.ServiceRequest, TicketCategory.Complaint, TicketCategory.Incident];
    private static readonly string[] Channels = ["Web", "Email", "Phone", "Api"];
    private static readonly string[] Tags = ["billing", "vip", "outage", "login", "invoice", "shipping", "refund", "api"];

    public static async Task RunAsync(int tickets, int openTickets, int breaches)
    {
        await using var bench = await BenchDatabase<SupportDbContext>.StartAsync("supportdb", Register);
        var (host, connectionString) = (bench.Host, bench.ConnectionString);
        Console.WriteLine($"Generating {tickets:N0} tickets ({openTickets:N0} open, each with its SLA timers)...");
        var data = await GenerateAsync(connectionString, tickets, openTickets);
        Console.WriteLine($"Generated in {data.Took.TotalSeconds:F0} s.");
        Console.WriteLine();

        await QueueAndMetricsAsync(host, data);
        await BreachLagAsync(host, connectionString, breaches);
    }

    private sealed record Generated(Guid[] TeamIds, Guid[] AgentIds, TimeSpan Took);

    /// <summary>The service pieces the benchmark calls, beside the DbContext.</summary>
    private static void Register(HostApplicationBuilder builder)
    {
        // Never reached: no survey is resolved here, but the timer handler needs a sender.
        builder.Configuration["ConnectionStrings:mail"] = "smtp://127.0.0.1:1";
        builder.Configuration["Support:SurveySigningKey"] = new string('k', 64);
        builder.AddMailSender();
        builder.Services.Configure<SupportOptions>(builder.Configuration.GetSection(SupportOptions.SectionName));
        builder.Services.AddSingleton<SurveyTokens>();
        builder.Services.AddScoped<SatisfactionSurveys>();
        builder.Services.AddScoped<SlaPlanner>();
        builder.Services.AddScoped<MetricsQueries>();
        builder.Services.AddScoped<CarePlanRounds>();
        builder.Services.AddScoped<TimerHandler>();
        builder.Services.Configure<TimerOptions>(_ => { });
        // Started for the breach measurement only, so the queries are timed on a quiet database.
        builder.Services.AddSingleton<TimerWorker>();
    }

    /// <summary>Users, customers, tickets (a tenth open, with due times) and the open ones' timers through binary COPY.</summary>
    private static async Task<Generated> GenerateAsync(string connectionString, int tickets, int openTickets)
    {
        var started = DateTimeOffset.UtcNow;
        var random = new Random(42);
        var now = DateTimeOffset.UtcNow;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();

        var teams = Enumerable.Range(0, Teams).Select(_ => Guid.CreateVersion7()).ToArray();
        var agents = new Guid[Teams * AgentsPerTeam];
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY users (id, display_name, team_id, roles, is_active, revision) FROM STDIN (FORMAT BINARY)"))
        {
            for (var index = 0; index < agents.Length; index++)
            {
                agents[index] = Guid.CreateVersion7();
                await writer.StartRowAsync();
                await writer.WriteAsync(agents[index], NpgsqlDbType.Uuid);
                await writer.WriteAsync($"Agent {index}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(teams[index / AgentsPerTeam], NpgsqlDbType.Uuid);
                await writer.WriteAsync(index % AgentsPerTeam == 0 ? new[] { CrmRoles.SupportLead } : [CrmRoles.SupportAgent], NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
            }

            await writer.CompleteAsync();
        }

        var customers = Enumerable.Range(0, Math.Max(1, tickets / 10)).Select(_ => Guid.CreateVersion7()).ToArray();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY customers (id, name, email, registered_at, revision, is_deleted, kind) FROM STDIN (FORMAT BINARY)"))
        {
            for (var index = 0; index < customers.Length; index++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(customers[index], NpgsqlDbType.Uuid);
                await writer.WriteAsync($"Customer {index}", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"customer.{index}@example.com", NpgsqlDbType.Text);
                await writer.WriteAsync(now.AddYears(-3), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
                await writer.WriteAsync("Company", NpgsqlDbType.Varchar);
            }

            await writer.CompleteAsync();
        }

        var open = new List<(Guid Id, DateTimeOffset FirstDue, DateTimeOffset ResolutionDue)>(openTickets);
        // The roll-up triggers are left out of the bulk load (replica mode skips triggers) and the figures are built
        // once afterwards by the same function the migration uses for existing tickets.
        await using (var bulk = new NpgsqlCommand("SET session_replication_role = replica", connection))
        {
            await bulk.ExecuteNonQueryAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY tickets (id, customer_id, subject, description, category, priority, channel, status, tags, team_id, assignee_id,
                created_at, updated_at, first_response_at, resolved_at, closed_at, first_response_target, resolution_target,
                first_response_due_at, resolution_due_at, sla_paused_work) FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var index = 0; index < tickets; index++)
            {
                var isOpen = index < openTickets;
                // Closed tickets spread over two years; open ones are recent.
                var created = isOpen ? now.AddMinutes(-random.Next(0, 14 * 24 * 60)) : now.AddMinutes(-random.Next(0, 2 * 365 * 24 * 60));
                var id = Guid.CreateVersion7(created);
                var team = random.Next(Teams);
                var assigned = random.Next(10) < 8;
                var status = isOpen ? (index % 3) switch { 0 => "New", 1 => "Open", _ => "Pending" } : (index % 4 == 0 ? "Resolved" : "Closed");
                var firstTarget = TimeSpan.FromHours(4);
                var resolutionTarget = TimeSpan.FromHours(48);
                DateTimeOffset? firstResponse = isOpen && status == "New" ? null : created.AddMinutes(random.Next(5, 600));
                DateTimeOffset? resolved = isOpen ? null : created.AddMinutes(random.Next(60, 5 * 24 * 60));
                // Open tickets' deadlines lie well ahead, so nothing fires until the breach measurement sets some due.
                var firstDue = isOpen ? now.AddDays(30).AddSeconds(index) : created + firstTarget;
                var resolutionDue = isOpen ? now.AddDays(60).AddSeconds(index) : created + resolutionTarget;
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(customers[random.Next(customers.Length)], NpgsqlDbType.Uuid);
                await writer.WriteAsync($"Ticket {index}", NpgsqlDbType.Varchar);
                await writer.WriteAsync("Generated.", NpgsqlDbType.Varchar);
                await writer.WriteAsync(Categories[random.Next(Categories.Length)], NpgsqlDbType.Varchar);
                await writer.WriteAsync(random.Next(4), NpgsqlDbType.Integer);
                await writer.WriteAsync(Channels[random.Next(Channels.Length)], NpgsqlDbType.Varchar);
                await writer.WriteAsync(status, NpgsqlDbType.Varchar);
                await writer.WriteAsync(random.Next(3) == 0 ? new[] { Tags[random.Next(Tags.Length)] } : [], NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(teams[team], NpgsqlDbType.Uuid);
                if (assigned)
                {
                    await writer.WriteAsync(agents[team * AgentsPerTeam + 1 + random.Next(AgentsPerTeam - 1)], NpgsqlDbType.Uuid);
                }
                else
                {
                    await writer.WriteNullAsync();
                }

                await writer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(resolved ?? firstResponse ?? created, NpgsqlDbType.TimestampTz);
                await writer.WriteOrNullAsync(firstResponse, NpgsqlDbType.TimestampTz, CancellationToken.None);
                await writer.WriteOrNullAsync(status == "Resolved" ? resolved : null, NpgsqlDbType.TimestampTz, CancellationToken.None);
                await writer.WriteOrNullAsync(status == "Closed" ? resolved : null, NpgsqlDbType.TimestampTz, CancellationToken.None);
                await writer.WriteAsync(firstTarget, NpgsqlDbType.Interval);
                await writer.WriteAsync(resolutionTarget, NpgsqlDbType.Interval);
                await writer.WriteAsync(firstDue, NpgsqlDbType.TimestampTz);
                await writer.WriteOrNullAsync<DateTimeOffset>(status is "New" or "Open" ? resolutionDue : null, NpgsqlDbType.TimestampTz, CancellationToken.None);
                await writer.WriteAsync(TimeSpan.Zero, NpgsqlDbType.Interval);
                if (isOpen)
                {
                    open.Add((id, firstDue, resolutionDue));
                }
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY timers (id, kind, subject_id, due_at, deadline) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, firstDue, resolutionDue) in open)
            {
                foreach (var (kind, due, deadline) in new[]
                {
                    (TimerKind.FirstResponseWarning, firstDue.AddHours(-1), firstDue), (TimerKind.FirstResponseBreach, firstDue, firstDue),
                    (TimerKind.ResolutionWarning, resolutionDue.AddHours(-12), resolutionDue), (TimerKind.ResolutionBreach, resolutionDue, resolutionDue),
                })
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await writer.WriteAsync(kind.ToString(), NpgsqlDbType.Varchar);
                    await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(due, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(deadline, NpgsqlDbType.TimestampTz);
                }
            }

            await writer.CompleteAsync();
        }

        await using (var rollUp = new NpgsqlCommand("SET session_replication_role = origin; SELECT ticket_figures_rebuild();", connection) { CommandTimeout = 0 })
        {
            await rollUp.ExecuteNonQueryAsync();
        }

        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
        return new Generated(teams, agents, DateTimeOffset.UtcNow - started);
    }

    private static async Task QueueAndMetricsAsync(IHost host, Generated data)
    {
        CurrentUser Agent(int run)
        {
            var agent = (run * 7 % Teams) * AgentsPerTeam + 1 + run % (AgentsPerTeam - 1);
            return new CurrentUser(data.AgentIds[agent].ToString(), "Agent", data.TeamIds[agent / AgentsPerTeam], new HashSet<string> { CrmRoles.SupportAgent });
        }

        var admin = new CurrentUser(Guid.NewGuid().ToString(), "Admin", null, new HashSet<string> { CrmRoles.Administrator });
        Task ListAsync(CurrentUser caller, ListTicketsQuery query) => WithScopeAsync(host, services => TicketsApi.ListTickets(
            query, caller, services.GetRequiredService<SupportDbContext>(), services.GetRequiredService<SlaPlanner>(), TimeProvider.System, CancellationToken.None));
        ListTicketsQuery Query(TicketStatus? status = null, string? tag = null, Guid? assigneeId = null, string? sort = null) =>
            new(status, null, null, null, assigneeId, null, tag, null, null, sort, null, 50);

        Console.WriteLine("Agent queue (the ticket list endpoint's handler as a support agent: their team's and own tickets, 50 per page):");
        await Measure.PercentilesAsync("queue: open tickets, most urgent first", 300, run => ListAsync(Agent(run), Query(TicketStatus.Open, sort: "-priority")), 100);
        await Measure.PercentilesAsync("queue: new tickets, oldest first", 300, run => ListAsync(Agent(run), Query(TicketStatus.New)), 100);
        await Measure.PercentilesAsync("queue: own pending tickets", 300, run =>
        {
            var caller = Agent(run);
            return ListAsync(caller, Query(TicketStatus.Pending, assigneeId: caller.UserId));
        }, 100);
        await Measure.PercentilesAsync("queue: tagged tickets, most urgent first", 300,
            run => ListAsync(Agent(run), Query(tag: Tags[run % Tags.Length], sort: "-priority")), 100);
        await Measure.PercentilesAsync("all tickets (administrator), tag filter, newest first", 300,
            run => ListAsync(admin, Query(tag: Tags[run % Tags.Length], sort: "-createdAt")), 100);
        Console.WriteLine();

        var now = DateTimeOffset.UtcNow;
        Task MetricsAsync(CurrentUser caller, int days, Guid? team = null, Guid? agent = null, string? category = null, string interval = "week") =>
            WithScopeAsync(host, services => MetricsApi.GetMetrics(
                new MetricsQuery(now.AddDays(-days), now, interval, team, agent, category), caller, services.GetRequiredService<SupportDbContext>(),
                services.GetRequiredService<MetricsQueries>(), CancellationToken.None));
        var lead = (int run) => new CurrentUser(Guid.NewGuid().ToString(), "Lead", data.TeamIds[run % Teams], new HashSet<string> { CrmRoles.SupportLead });
        var agentOf = (int run) => data.AgentIds[(run * 7 % Teams) * AgentsPerTeam + 1 + run % (AgentsPerTeam - 1)];
        Console.WriteLine("Quality metrics (the metrics endpoint's handler):");
        await Measure.PercentilesAsync("metrics: one team, last 30 days (lead)", 100, run => MetricsAsync(lead(run), 30), 100);
        await Measure.PercentilesAsync("metrics: one team, last 365 days, monthly (lead)", 100, run => MetricsAsync(lead(run), 365, interval: "month"), 100);
        await Measure.PercentilesAsync("metrics: one team's complaints, last 90 days (lead)", 100, run => MetricsAsync(lead(run), 90, category: TicketCategory.Complaint), 100);
        await Measure.PercentilesAsync("metrics: one agent, last 90 days (lead)", 100, run => MetricsAsync(lead(run), 90, agent: agentOf(run)), 100);
        await Measure.PercentilesAsync("metrics: one agent, last 365 days (administrator)", 100, run => MetricsAsync(admin, 365, agent: agentOf(run)), 100);
        await Measure.PercentilesAsync("metrics: all teams, last 30 days (administrator)", 100, _ => MetricsAsync(admin, 30), 100);
        await Measure.PercentilesAsync("metrics: all teams, last 90 days (administrator)", 100, _ => MetricsAsync(admin, 90), 100);
        await Measure.PercentilesAsync("metrics: all teams, last 365 days, monthly (administrator)", 100, _ => MetricsAsync(admin, 365, interval: "month"), 100);
        await Measure.PercentilesAsync("metrics: all teams' incidents, last 365 days (administrator)", 100,
            _ => MetricsAsync(admin, 365, category: TicketCategory.Incident), 100);
        Console.WriteLine();
    }

    /// <summary>
    /// Makes <paramref name="breaches"/> open tickets' first-response deadlines fall due over ten seconds, runs the real
    /// timer worker and reads how long after each deadline its breach was recorded.
    /// </summary>
    private static async Task BreachLagAsync(IHost host, string connectionString, int breaches)
    {
        var spread = TimeSpan.FromSeconds(10);
        var start = DateTimeOffset.UtcNow.AddSeconds(5);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var due = new NpgsqlCommand("""
            WITH chosen AS (
                SELECT id, @start + (row_number() OVER (ORDER BY id) - 1) * @step AS deadline
                FROM tickets WHERE status = 'New' ORDER BY id LIMIT @count),
            moved AS (
                UPDATE tickets t SET first_response_due_at = c.deadline FROM chosen c WHERE t.id = c.id RETURNING t.id)
            UPDATE timers m SET due_at = c.deadline, deadline = c.deadline
            FROM chosen c WHERE m.subject_id = c.id AND m.kind = 'FirstResponseBreach'
            """, connection))
        {
            due.Parameters.AddWithValue("start", start);
            due.Parameters.AddWithValue("step", spread / breaches);
            due.Parameters.AddWithValue("count", breaches);
            await due.ExecuteNonQueryAsync();
        }

        var openTimers = await ScalarAsync(connection, "SELECT count(DISTINCT subject_id) FROM timers");
        var worker = host.Services.GetRequiredService<TimerWorker>();
        await worker.StartAsync(CancellationToken.None);
        var deadline = DateTimeOffset.UtcNow + spread + TimeSpan.FromSeconds(60);
        while (await ScalarAsync(connection, "SELECT count(*) FROM tickets WHERE first_response_breached_at IS NOT NULL") < breaches
               && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await worker.StopAsync(CancellationToken.None);
        var lags = new List<double>();
        await using (var read = new NpgsqlCommand(
            "SELECT extract(epoch FROM first_response_breached_at - first_response_due_at) FROM tickets WHERE first_response_breached_at IS NOT NULL", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lags.Add(decimal.ToDouble(reader.GetDecimal(0)));
            }
        }

        lags.Sort();
        double At(double quantile) => lags.Count == 0 ? double.NaN : lags[Math.Min(lags.Count - 1, (int)Math.Ceiling(quantile * lags.Count) - 1)];
        var max = lags.Count == 0 ? double.NaN : lags[^1];
        Console.WriteLine($"SLA breach detection (the timer worker, poll {new TimerOptions().PollInterval.TotalSeconds:F0} s, batch {new TimerOptions().BatchSize}; " +
            $"{openTimers:N0} open tickets with timers; {breaches:N0} deadlines over {spread.TotalSeconds:F0} s):");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"breaches recorded {lags.Count,6:N0} of {breaches:N0}   lag p50 {At(0.50),6:F2} s  p95 {At(0.95),6:F2} s  max {max,6:F2} s  target max < 5 s: {(lags.Count == breaches && max < 5 ? "met" : "MISSED")}"));
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task WithScopeAsync(IHost host, Func<IServiceProvider, Task> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }
}
