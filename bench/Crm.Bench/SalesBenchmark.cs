using Crm.BuildingBlocks.Persistence;
using Crm.Contracts.Customers;
using Crm.Hosting;
using Crm.Sales.Apis;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Bench;

/// <summary>
/// The sales service's speed targets on generated data: the board and the forecast (unfiltered, by owner, by team),
/// and how soon a tier change re-plans that customer's follow-up. It calls the service's own endpoint handlers and
/// the tier-change handling of its consumer in-process against a private PostgreSQL, so the figures are the database
/// work without HTTP, the gateway and the broker.
/// </summary>
public static class SalesBenchmark
{
    private const int Teams = 10;
    private const int RepsPerTeam = 10;
    private static readonly Guid DefaultPipelineId = new("5a1e5000-0000-4000-8000-000000000001");
    private static readonly string[] Currencies = ["EUR", "EUR", "EUR", "USD", "GBP"];
    private static readonly string[] Sources = ["web", "referral", "trade fair", "partner", "campaign", "cold call"];
    private static readonly string[] Tiers = ["General", "Potential", "HighValue"];

    private sealed record Seeded(Guid[] Pipelines, Guid[] TeamIds, Guid[] ManagerIds, Guid[] RepIds, Guid[] CustomerIds);

    public static async Task RunAsync(int opportunities, int tasks, int runs)
    {
        await using var bench = await BenchDatabase<SalesDbContext>.StartAsync("salesdb");
        var (host, connectionString) = (bench.Host, bench.ConnectionString);
        var customers = Math.Max(1_000, opportunities / 2);
        Console.WriteLine($"Generating {opportunities:N0} opportunities, {tasks:N0} tasks and {customers:N0} customers...");
        Seeded seeded = null!;
        var generated = await Measure.OnceAsync(async () => seeded = await GenerateAsync(host, connectionString, opportunities, tasks, customers));
        Console.WriteLine($"Generated in {generated.TotalSeconds:F0} s.");
        var (stageTotals, monthTotals) = await WithDbAsync(host, async db => (await db.OpportunityStageTotals.CountAsync(), await db.OpportunityMonthTotals.CountAsync()));
        Console.WriteLine($"Totals: {stageTotals:N0} per stage, owner and currency; {monthTotals:N0} per month, owner, pipeline, currency, category and status.");
        Console.WriteLine();

        await BoardAsync(host, seeded, runs);
        await ForecastAsync(host, seeded, runs);
        await StageMoveAsync(host, runs);
        await TierChangeAsync(host, seeded, runs);
    }

    /// <summary>Users, pipelines, customers, deals and tasks through binary COPY, then the statistics the planner needs.</summary>
    private static async Task<Seeded> GenerateAsync(IHost host, string connectionString, int opportunities, int tasks, int customers)
    {
        var random = new Random(42);
        var now = DateTimeOffset.UtcNow;
        var teamIds = Enumerable.Range(0, Teams).Select(_ => Guid.CreateVersion7()).ToArray();
        var managerIds = teamIds.Select(_ => Guid.CreateVersion7()).ToArray();
        var repIds = Enumerable.Range(0, Teams * RepsPerTeam).Select(_ => Guid.CreateVersion7()).ToArray();

        // Three more pipelines beside the seeded one, each with four open stages, won and lost.
        var pipelines = new List<Pipeline>();
        await WithDbAsync(host, async db =>
        {
            foreach (var name in new[] { "Enterprise", "Renewals", "Partners" })
            {
                var pipeline = new Pipeline { Id = Guid.CreateVersion7(), Name = name, CreatedAt = now, UpdatedAt = now };
                pipeline.Stages =
                [
                    Stage(pipeline.Id, "Discovery", 0, 10, StageKind.Open, ForecastCategory.Pipeline),
                    Stage(pipeline.Id, "Demo", 1, 30, StageKind.Open, ForecastCategory.Pipeline),
                    Stage(pipeline.Id, "Proposal", 2, 60, StageKind.Open, ForecastCategory.BestCase),
                    Stage(pipeline.Id, "Contract", 3, 90, StageKind.Open, ForecastCategory.Commit),
                    Stage(pipeline.Id, "Won", 4, 100, StageKind.Won, ForecastCategory.Closed),
                    Stage(pipeline.Id, "Lost", 5, 0, StageKind.Lost, ForecastCategory.Omitted),
                ];
                db.Pipelines.Add(pipeline);
                pipelines.Add(pipeline);
            }

            await db.SaveChangesAsync();
            pipelines.Insert(0, await db.Pipelines.AsNoTracking().Include(p => p.Stages).SingleAsync(p => p.Id == DefaultPipelineId));
        });

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY users (id, display_name, team_id, roles, is_active, revision) FROM STDIN (FORMAT BINARY)"))
        {
            for (var team = 0; team < Teams; team++)
            {
                await UserRowAsync(writer, managerIds[team], $"Manager {team}", teamIds[team], CrmRoles.SalesManager);
                for (var rep = 0; rep < RepsPerTeam; rep++)
                {
                    await UserRowAsync(writer, repIds[team * RepsPerTeam + rep], $"Rep {team}.{rep}", teamIds[team], CrmRoles.SalesRep);
                }
            }

            await writer.CompleteAsync();
        }

        var customerIds = new Guid[customers];
        var customerOwners = new Guid[customers];
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY customers (id, name, kind, email, region, owner_id, registered_at, revision, is_deleted, tier, tier_changed_at, last_interaction_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var index = 0; index < customers; index++)
            {
                var registered = now.AddDays(-random.Next(30, 3 * 365));
                customerIds[index] = Guid.CreateVersion7(registered);
                customerOwners[index] = repIds[random.Next(repIds.Length)];
                var tier = Tiers[random.Next(Tiers.Length)];
                await writer.StartRowAsync();
                await writer.WriteAsync(customerIds[index], NpgsqlDbType.Uuid);
                await writer.WriteAsync($"Customer {index}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(index % 5 == 0 ? "Company" : "Person", NpgsqlDbType.Text);
                await writer.WriteAsync($"customer.{index}@example.com", NpgsqlDbType.Varchar);
                await writer.WriteAsync("EMEA", NpgsqlDbType.Text);
                await writer.WriteAsync(customerOwners[index], NpgsqlDbType.Uuid);
                await writer.WriteAsync(registered, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
                await writer.WriteAsync(tier, NpgsqlDbType.Varchar);
                await writer.WriteAsync(registered, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now.AddDays(-random.Next(0, 30)), NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        // Through the triggers, as any write: they sum the whole COPY into one write per totals row.
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY opportunities (id, name, customer_id, pipeline_id, stage_id, amount, probability_override, currency, expected_close_date,
                owner_id, source, status, lost_reason, won_at, lost_at, stage_changed_at, created_at, updated_at) FROM STDIN (FORMAT BINARY)
            """))
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            for (var index = 0; index < opportunities; index++)
            {
                // Half the deals in the default pipeline; the rest spread over the others.
                var pipeline = pipelines[random.Next(2) == 0 ? 0 : 1 + random.Next(pipelines.Count - 1)];
                var stages = pipeline.Stages.OrderBy(stage => stage.Position).ToList();
                var roll = random.Next(100);
                var stage = roll < 20 ? stages[4] : roll < 35 ? stages[5] : stages[random.Next(4)];
                var created = now.AddDays(-random.Next(0, 2 * 365));
                var closeDate = today.AddDays(random.Next(-365, 365));
                var closedAt = new DateTimeOffset(closeDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(created), NpgsqlDbType.Uuid);
                await writer.WriteAsync($"Deal {index}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(customerIds[random.Next(customers)], NpgsqlDbType.Uuid);
                await writer.WriteAsync(pipeline.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(stage.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(Math.Round((decimal)(random.NextDouble() * 100_000), 2), NpgsqlDbType.Numeric);
                await WriteOrNullAsync(writer, stage.Kind == StageKind.Open && index % 10 == 0 ? random.Next(0, 101) : (int?)null, NpgsqlDbType.Integer);
                await writer.WriteAsync(Currencies[random.Next(Currencies.Length)], NpgsqlDbType.Char);
                await writer.WriteAsync(closeDate, NpgsqlDbType.Date);
                await writer.WriteAsync(repIds[random.Next(repIds.Length)], NpgsqlDbType.Uuid);
                await writer.WriteAsync(Sources[random.Next(Sources.Length)], NpgsqlDbType.Varchar);
                await writer.WriteAsync(stage.Kind.ToString(), NpgsqlDbType.Varchar);
                await WriteOrNullAsync(writer, stage.Kind == StageKind.Lost ? "Price too high" : null, NpgsqlDbType.Varchar);
                await WriteOrNullAsync(writer, stage.Kind == StageKind.Won ? closedAt : (DateTimeOffset?)null, NpgsqlDbType.TimestampTz);
                await WriteOrNullAsync(writer, stage.Kind == StageKind.Lost ? closedAt : (DateTimeOffset?)null, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(created, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY tasks (id, kind, title, notes, due_at, assignee_id, customer_id, status, is_follow_up, completed_at, created_at, updated_at)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            // Every customer's one open follow-up first, then past follow-ups and hand-made tasks.
            for (var index = 0; index < tasks; index++)
            {
                var openFollowUp = index < customers;
                var customer = openFollowUp ? index : random.Next(customers);
                var pastFollowUp = !openFollowUp && index % 4 == 0;
                var due = openFollowUp ? now.AddDays(random.Next(-5, 30)) : now.AddDays(-random.Next(-60, 2 * 365));
                var status = openFollowUp ? SalesTaskStatus.Open
                    : pastFollowUp || due < now ? (index % 20 == 0 ? SalesTaskStatus.Cancelled : SalesTaskStatus.Done)
                    : SalesTaskStatus.Open;
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(due), NpgsqlDbType.Uuid);
                await writer.WriteAsync(openFollowUp || pastFollowUp ? "Call" : ((SalesTaskKind)(index % 4)).ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(openFollowUp || pastFollowUp ? $"Follow up with Customer {customer}" : $"Task {index}", NpgsqlDbType.Varchar);
                await WriteOrNullAsync(writer, index % 3 == 0 ? $"Notes about customer {customer}" : null, NpgsqlDbType.Varchar);
                await writer.WriteAsync(due, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(openFollowUp ? customerOwners[customer] : repIds[random.Next(repIds.Length)], NpgsqlDbType.Uuid);
                await WriteOrNullAsync(writer, openFollowUp || pastFollowUp || index % 2 == 0 ? customerIds[customer] : (Guid?)null, NpgsqlDbType.Uuid);
                await writer.WriteAsync(status.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(openFollowUp || pastFollowUp, NpgsqlDbType.Boolean);
                await WriteOrNullAsync(writer, status == SalesTaskStatus.Done ? due : (DateTimeOffset?)null, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(due.AddDays(-7), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(due.AddDays(-7), NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
        return new Seeded([.. pipelines.Select(p => p.Id)], teamIds, managerIds, repIds, customerIds);
    }

    private static Stage Stage(Guid pipelineId, string name, int position, int probability, StageKind kind, ForecastCategory category) =>
        new() { Id = Guid.CreateVersion7(), PipelineId = pipelineId, Name = name, Position = position, Probability = probability, Kind = kind, ForecastCategory = category };

    private static async Task UserRowAsync(NpgsqlBinaryImporter writer, Guid id, string name, Guid team, string role)
    {
        await writer.StartRowAsync();
        await writer.WriteAsync(id, NpgsqlDbType.Uuid);
        await writer.WriteAsync(name, NpgsqlDbType.Varchar);
        await writer.WriteAsync(team, NpgsqlDbType.Uuid);
        await writer.WriteAsync(new[] { role }, NpgsqlDbType.Array | NpgsqlDbType.Text);
        await writer.WriteAsync(true, NpgsqlDbType.Boolean);
        await writer.WriteAsync(1, NpgsqlDbType.Integer);
    }

    private static async Task WriteOrNullAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } present)
        {
            await writer.WriteAsync(present, type);
        }
        else
        {
            await writer.WriteNullAsync();
        }
    }

    private static async Task WriteOrNullAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await writer.WriteNullAsync();
        }
        else
        {
            await writer.WriteAsync(value, type);
        }
    }

    private static CurrentUser Administrator() => new("bench-admin", "Bench", null, new HashSet<string> { CrmRoles.Administrator });

    private static CurrentUser Manager(Seeded seeded, int team) =>
        new(seeded.ManagerIds[team].ToString(), "Manager", seeded.TeamIds[team], new HashSet<string> { CrmRoles.SalesManager });

    private static CurrentUser Rep(Guid id) => new(id.ToString(), "Rep", null, new HashSet<string> { CrmRoles.SalesRep });

    private static async Task BoardAsync(IHost host, Seeded seeded, int runs)
    {
        Task BoardAsync(int run, CurrentUser caller, Guid? owner, Guid? team) => WithDbAsync(host, db =>
            PipelinesApi.GetBoard(seeded.Pipelines[run % seeded.Pipelines.Length], new BoardQuery(owner, team, null), caller, db, CancellationToken.None));

        Console.WriteLine("Board (the board endpoint's handler: counts and sums per stage and currency, 10 cards per stage):");
        await Measure.PercentilesAsync("pipeline, unfiltered (administrator)", runs, run => BoardAsync(run, Administrator(), null, null), 100);
        await Measure.PercentilesAsync("pipeline, filtered by owner (administrator)", runs,
            run => BoardAsync(run, Administrator(), seeded.RepIds[run % seeded.RepIds.Length], null), 100);
        await Measure.PercentilesAsync("pipeline, filtered by team (administrator)", runs,
            run => BoardAsync(run, Administrator(), null, seeded.TeamIds[run % Teams]), 100);
        await Measure.PercentilesAsync("pipeline, a manager's own team scope", runs, run => BoardAsync(run, Manager(seeded, run % Teams), null, null), 100);
        await Measure.PercentilesAsync("pipeline, a rep's own deals", runs, run => BoardAsync(run, Rep(seeded.RepIds[run % seeded.RepIds.Length]), null, null), 100);
        Console.WriteLine();
    }

    private static async Task ForecastAsync(IHost host, Seeded seeded, int runs)
    {
        var year = DateTime.UtcNow.Year;
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        Task ForecastAsync(CurrentUser caller, string period, Guid? owner, Guid? team, bool byOwner) => WithDbAsync(host, db =>
            ForecastApi.GetForecast(new ForecastQuery(period, from, to, owner, team, null, byOwner), caller, db, TimeProvider.System, CancellationToken.None));

        Console.WriteLine("Forecast (the forecast endpoint's handler over one calendar year, all pipelines):");
        await Measure.PercentilesAsync("month, everything (administrator)", runs, _ => ForecastAsync(Administrator(), "month", null, null, false), 100);
        await Measure.PercentilesAsync("quarter, everything (administrator)", runs, _ => ForecastAsync(Administrator(), "quarter", null, null, false), 100);
        await Measure.PercentilesAsync("month, a row per owner (administrator)", runs, _ => ForecastAsync(Administrator(), "month", null, null, true), 100);
        await Measure.PercentilesAsync("month, filtered by owner", runs,
            run => ForecastAsync(Administrator(), "month", seeded.RepIds[run % seeded.RepIds.Length], null, false), 100);
        await Measure.PercentilesAsync("quarter, filtered by team, a row per owner", runs,
            run => ForecastAsync(Administrator(), "quarter", null, seeded.TeamIds[run % Teams], true), 100);
        await Measure.PercentilesAsync("quarter, a manager's own team scope", runs, run => ForecastAsync(Manager(seeded, run % Teams), "quarter", null, null, false), 100);
        await Measure.PercentilesAsync("month, one pipeline, a row per owner (administrator)", runs, run => WithDbAsync(host, db =>
            ForecastApi.GetForecast(new ForecastQuery("month", from, to, null, null, seeded.Pipelines[run % seeded.Pipelines.Length], true),
                Administrator(), db, TimeProvider.System, CancellationToken.None)), 100);
        await Measure.PercentilesAsync("month, mid-February to mid-November (administrator)", runs, _ => WithDbAsync(host, db =>
            ForecastApi.GetForecast(new ForecastQuery("month", new DateOnly(year, 2, 15), new DateOnly(year, 11, 14), null, null, null, false),
                Administrator(), db, TimeProvider.System, CancellationToken.None)), 100);
        Console.WriteLine();
    }

    /// <summary>What the totals' triggers add to a write: one deal moved to the next open stage, as the stage move saves it.</summary>
    private static async Task StageMoveAsync(IHost host, int runs)
    {
        var openDeals = await WithDbAsync(host, db => db.Opportunities.Where(o => o.Status == OpportunityStatus.Open)
            .OrderBy(o => o.Id).Select(o => o.Id).Take(Math.Max(runs + 20, 1_000)).ToListAsync());
        Console.WriteLine("Deal writes (with the triggers that keep the totals):");
        await Measure.PercentilesAsync("stage move of one deal, committed", runs, run => WithDbAsync(host, async db =>
        {
            var deal = await db.Opportunities.SingleAsync(o => o.Id == openDeals[run % openDeals.Count]);
            var openStages = await db.Stages.Where(s => s.PipelineId == deal.PipelineId && s.Kind == StageKind.Open).OrderBy(s => s.Position).ToListAsync();
            deal.StageId = openStages[(openStages.FindIndex(s => s.Id == deal.StageId) + 1) % openStages.Count].Id;
            await db.SaveChangesAsync();
        }), 100);
        Console.WriteLine();
    }

    private static async Task TierChangeAsync(IHost host, Seeded seeded, int runs)
    {
        Console.WriteLine("Follow-ups (the CustomerTierChanged handling of the sales consumer, until committed):");
        var changedAt = DateTimeOffset.UtcNow;
        await Measure.PercentilesAsync("tier change → follow-up re-planned and committed", runs, async run =>
        {
            var customerId = seeded.CustomerIds[(run * 7919) % seeded.CustomerIds.Length];
            var tier = Tiers[run % Tiers.Length];
            changedAt = changedAt.AddMilliseconds(1);
            await WithDbAsync(host, db => db.ApplyTierChangeAsync(new CustomerTierChanged(customerId, tier, null, changedAt), changedAt, CancellationToken.None));
            var planned = await WithDbAsync(host, db => db.Customers.Where(c => c.Id == customerId).Select(c => c.Tier).SingleAsync());
            if (planned != tier)
            {
                throw new InvalidOperationException($"Customer {customerId} is {planned} after the tier change to {tier}.");
            }
        }, 1_000);
    }

    private static Task<T> WithDbAsync<T>(IHost host, Func<SalesDbContext, Task<T>> work) => host.InScopeAsync(work);

    private static Task WithDbAsync(IHost host, Func<SalesDbContext, Task> work) => host.InScopeAsync(work);
}
