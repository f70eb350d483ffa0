using System.Globalization;
using System.Text.Json.Nodes;
using Crm.BuildingBlocks.Persistence;
using Crm.Hosting;
using Crm.Marketing.Extensions;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.Marketing.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Bench;

/// <summary>
/// Marketing's segment targets on generated data: a full re-evaluation of a realistic segment over a million contacts
/// (target &lt; 10 s), and how long a single contact's change takes to reach its memberships on the consumer path
/// (target p99 &lt; 1 s). The service's own <see cref="LiveSegments"/> runs in-process against a private PostgreSQL; the
/// broker hop in front of the consumer is not included.
/// </summary>
public static class MarketingSegmentsBenchmark
{
    private static readonly string[] Regions = ["EMEA", "APAC", "NA", "LATAM", "DACH", "Nordics", "UK", "Benelux"];
    private static readonly string[] Industries = ["Manufacturing", "Retail", "Software", "Logistics", "Finance", "Health", "Energy", "Food"];
    private static readonly string[] Tiers = ["HighValue", "Potential", "General"];
    private static readonly string[] Pages = ["/pricing", "/pricing/enterprise", "/blog/segments", "/docs/start", "/careers", "/demo"];

    public static async Task RunAsync(int contacts, int behaviours, int segments, int changes)
    {
        await using var bench = await BenchDatabase<MarketingDbContext>.StartAsync("marketingdb", Register);
        var (host, connectionString) = (bench.Host, bench.ConnectionString);
        Console.WriteLine($"Generating {contacts:N0} contacts and {behaviours:N0} behaviours...");
        var campaigns = Enumerable.Range(0, 20).Select(_ => Guid.CreateVersion7()).ToArray();
        var ids = new Guid[contacts];
        var generated = await Measure.OnceAsync(() => GenerateAsync(connectionString, ids, behaviours, campaigns));
        Console.WriteLine($"Generated in {generated.TotalSeconds:F0} s.");
        Console.WriteLine();

        var realistic = await AddSegmentsAsync(host, segments, campaigns);
        await FullEvaluationAsync(host, realistic);
        await SingleContactChangeAsync(host, ids, changes);
    }

    /// <summary>The service pieces the benchmark calls, beside the DbContext.</summary>
    private static void Register(HostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MarketingOptions>();
        builder.Services.AddScoped<LiveSegments>();
    }

    /// <summary>Contacts with profile and value fields, and opens, clicks and visits over the last 90 days, through binary COPY.</summary>
    private static async Task GenerateAsync(string connectionString, Guid[] ids, int behaviours, Guid[] campaigns)
    {
        var random = new Random(42);
        var now = DateTimeOffset.UtcNow;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY customers (id, name, kind, email, industry, region, source, tags, registered_at, tier, lifecycle, recency, frequency,
                            monetary, total_spend, last_purchase_at, consent, lead_score, revision, is_deleted) FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var index = 0; index < ids.Length; index++)
            {
                var registered = now.AddDays(-random.Next(1, 3 * 365));
                ids[index] = Guid.CreateVersion7(registered);
                var spend = Math.Round((decimal)(Math.Pow(random.NextDouble(), 3) * 20_000), 2);
                await writer.StartRowAsync();
                await writer.WriteAsync(ids[index], NpgsqlDbType.Uuid);
                await writer.WriteAsync($"Contact {index}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(index % 5 == 0 ? "Company" : "Person", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"contact.{index}@example.com", NpgsqlDbType.Text);
                await writer.WriteAsync(Industries[random.Next(Industries.Length)], NpgsqlDbType.Text);
                await writer.WriteAsync(Regions[random.Next(Regions.Length)], NpgsqlDbType.Text);
                await writer.WriteAsync(index % 3 == 0 ? "web" : "referral", NpgsqlDbType.Text);
                await writer.WriteAsync(index % 7 == 0 ? new[] { "vip", "newsletter" } : index % 2 == 0 ? ["newsletter"] : [], NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(registered, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(Tiers[random.Next(Tiers.Length)], NpgsqlDbType.Varchar);
                await writer.WriteAsync(spend > 0 ? "Active" : "Prospect", NpgsqlDbType.Varchar);
                await writer.WriteAsync(random.Next(1, 6), NpgsqlDbType.Integer);
                await writer.WriteAsync(random.Next(1, 6), NpgsqlDbType.Integer);
                await writer.WriteAsync(random.Next(1, 6), NpgsqlDbType.Integer);
                await writer.WriteAsync(spend, NpgsqlDbType.Numeric);
                await writer.WriteAsync(now.AddDays(-random.Next(0, 365)), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync("OptedIn", NpgsqlDbType.Varchar);
                await writer.WriteAsync(random.Next(0, 80), NpgsqlDbType.Integer);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY behaviours (contact_id, kind, campaign_id, url, occurred_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var index = 0; index < behaviours; index++)
            {
                var kind = random.Next(10) switch { < 6 => "Opened", < 8 => "Clicked", _ => "Visited" };
                await writer.StartRowAsync();
                await writer.WriteAsync(ids[random.Next(ids.Length)], NpgsqlDbType.Uuid);
                await writer.WriteAsync(kind, NpgsqlDbType.Varchar);
                await writer.WriteAsync<Guid?>(kind == "Visited" ? null : campaigns[random.Next(campaigns.Length)], NpgsqlDbType.Uuid);
                await writer.WriteAsync(kind == "Opened" ? null : $"https://shop.example{Pages[random.Next(Pages.Length)]}?utm_source=mail", NpgsqlDbType.Varchar);
                await writer.WriteAsync(now.AddMinutes(-random.Next(0, 90 * 24 * 60)), NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        // Vacuumed as a live table would be, so index-only scans need no visits to the table.
        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>The realistic segment plus <paramref name="count"/> - 1 others that every contact change is checked against.</summary>
    private static async Task<Segment> AddSegmentsAsync(IHost host, int count, Guid[] campaigns)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var now = DateTimeOffset.UtcNow;
        // Engaged big spenders in two regions: clicked a campaign or looked at pricing lately, not already VIPs.
        var realistic = new Segment
        {
            Id = Guid.CreateVersion7(), Name = "Engaged big spenders", CreatedAt = now, UpdatedAt = now, Version = 1,
            Rules = """
                {"and":[
                  {"field":"region","op":"in","value":["EMEA","DACH"]},
                  {"field":"totalSpend","op":"gte","value":500},
                  {"or":[{"behaviour":"clicked","days":30},{"behaviour":"visited","url":"*/pricing*","days":30}]},
                  {"not":{"field":"tags","op":"contains","value":"vip"}}
                ]}
                """,
        };
        db.Segments.Add(realistic);
        for (var index = 1; index < count; index++)
        {
            JsonNode rules = (index % 4) switch
            {
                0 => new JsonObject { ["field"] = "region", ["op"] = "eq", ["value"] = Regions[index % Regions.Length] },
                1 => new JsonObject { ["field"] = "leadScore", ["op"] = "gte", ["value"] = 40 + index },
                2 => new JsonObject { ["behaviour"] = "opened", ["campaignId"] = campaigns[index % campaigns.Length].ToString(), ["days"] = 14 },
                _ => new JsonObject { ["and"] = new JsonArray(
                    new JsonObject { ["field"] = "tier", ["op"] = "eq", ["value"] = Tiers[index % Tiers.Length] },
                    new JsonObject { ["field"] = "tags", ["op"] = "containsAny", ["value"] = new JsonArray("newsletter", "vip") }) },
            };
            db.Segments.Add(new Segment { Id = Guid.CreateVersion7(), Name = $"Segment {index}", Rules = rules.ToJsonString(), CreatedAt = now, UpdatedAt = now });
        }

        await db.SaveChangesAsync();
        return realistic;
    }

    private static async Task FullEvaluationAsync(IHost host, Segment segment)
    {
        async Task<(int Entered, int Left)> EvaluateAsync()
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
            var live = scope.ServiceProvider.GetRequiredService<LiveSegments>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var tracked = await db.Segments.SingleAsync(s => s.Id == segment.Id);
            var result = await live.EvaluateAsync(tracked, CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return result;
        }

        (int Entered, int Left) outcome = default;
        var first = await Measure.OnceAsync(async () => outcome = await EvaluateAsync());
        Report("full re-evaluation, first (every member enters)", first, outcome);
        var again = await Measure.OnceAsync(async () => outcome = await EvaluateAsync());
        Report("full re-evaluation, nothing changed", again, outcome);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            // A tenth of the members' spend drops below the threshold, as if refunds came in.
            await scope.ServiceProvider.GetRequiredService<MarketingDbContext>().Database.ExecuteSqlAsync(
                $"UPDATE customers SET total_spend = 0 WHERE id IN (SELECT contact_id FROM segment_members WHERE segment_id = {segment.Id} AND contact_id::text LIKE '%0')");
        }

        var changed = await Measure.OnceAsync(async () => outcome = await EvaluateAsync());
        Report("full re-evaluation, a tenth of members left", changed, outcome);
        Console.WriteLine();
    }

    private static void Report(string what, TimeSpan took, (int Entered, int Left) outcome) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-52} {took.TotalSeconds,6:F2} s  entered {outcome.Entered,8:N0}  left {outcome.Left,8:N0}  target < 10 s: {(took.TotalSeconds < 10 ? "met" : "MISSED")}"));

    /// <summary>
    /// What the customer-copy consumer does for one changed contact, inside its transaction: save the change, check the
    /// contact against every segment, write membership rows and events. The region flips in and out of the realistic
    /// segment's regions, so the runs include real entries and exits.
    /// </summary>
    private static async Task SingleContactChangeAsync(IHost host, Guid[] ids, int changes)
    {
        var random = new Random(7);
        var picked = Enumerable.Range(0, changes + 20).Select(_ => ids[random.Next(ids.Length)]).ToArray();
        await Measure.PercentilesAsync("contact change → memberships (consumer transaction)", changes, async run =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
            var live = scope.ServiceProvider.GetRequiredService<LiveSegments>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var contact = await db.Customers.SingleAsync(c => c.Id == picked[run]);
            contact.Region = contact.Region == "EMEA" ? "APAC" : "EMEA";
            contact.Revision++;
            await live.SaveAndRefreshAsync(contact.Id, CancellationToken.None);
            await transaction.CommitAsync();
        }, targetP95Ms: 1000);
    }
}
