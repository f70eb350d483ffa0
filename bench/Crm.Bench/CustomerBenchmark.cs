using System.Globalization;
using System.Text;
using Crm.BuildingBlocks.CustomFields;
using Crm.BuildingBlocks.Persistence;
using Crm.Customers.Apis;
using Crm.Customers.Infrastructure;
using Crm.Customers.Infrastructure.Imports;
using Crm.Customers.Model;
using Crm.Customers.Model.Imports;
using Crm.Customers.Model.Valuation;
using Crm.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Bench;

/// <summary>
/// The customer service's speed targets on generated data: search and filtered lists, spreadsheet import against plain
/// COPY, and how soon a purchase shows in the customer's tier. It runs the service's own handlers and workers
/// in-process against a private PostgreSQL, so the figures are the database work without HTTP and the gateway.
/// </summary>
public static class CustomerBenchmark
{
    private static readonly string[] Regions = ["EMEA", "APAC", "NA", "LATAM", "DACH", "Nordics", "UK", "Benelux"];
    private static readonly string[] Industries = ["Manufacturing", "Retail", "Software", "Logistics", "Finance", "Health", "Energy", "Food"];
    private static readonly string[] Sources = ["web", "referral", "trade fair", "partner", "campaign", "cold call"];
    /// <summary>A custom choice field on every generated customer: one rare option (0.5 %), the others common.</summary>
    private static readonly string[] Segments = ["Enterprise", "Mid-market", "SMB", "Consumer"];

    private static readonly string[] Syllables = ["ka", "lo", "mi", "ra", "ne", "to", "shi", "va", "qu", "ber", "dan", "sel", "wen", "hol", "mar", "tin"];

    /// <param name="reuse">
    /// Keep the generated data in a fixed folder and reuse it on the next run (new migrations are applied on start), and
    /// run only the search and list cases, which leave the data as it was; the import and the purchases would change it.
    /// </param>
    /// <param name="importOnly">
    /// Keep the generated data like <paramref name="reuse"/> (in a folder of its own) and run only the import, after
    /// removing what earlier imports created, so that each run imports into the same customers.
    /// </param>
    public static async Task RunAsync(int customers, int purchases, int importRows, bool reuse = false, bool importOnly = false)
    {
        var keepIn = importOnly ? $"crm-bench-customers-{customers}-{purchases}-import" : reuse ? $"crm-bench-customers-{customers}-{purchases}" : null;
        await using var bench = await BenchDatabase<CustomersDbContext>.StartAsync("customersdb", Register, keepIn);
        var (host, connectionString) = (bench.Host, bench.ConnectionString);
        var generatedMarker = Path.Combine(bench.StateDirectory, "generated");
        if (File.Exists(generatedMarker))
        {
            Console.WriteLine($"Reusing the {customers:N0} customers and {purchases:N0} purchases in {bench.StateDirectory}.");
        }
        else
        {
            Console.WriteLine($"Generating {customers:N0} customers and {purchases:N0} purchases...");
            var generated = await Measure.OnceAsync(() => GenerateAsync(connectionString, customers, purchases));
            Console.WriteLine($"Generated in {generated.TotalSeconds:F0} s.");
            await File.WriteAllTextAsync(generatedMarker, DateTimeOffset.UtcNow.ToString("O"));
        }

        Console.WriteLine();
        if (importOnly)
        {
            await RemoveImportsAsync(connectionString);
            await ImportAsync(host, connectionString, importRows);
            return;
        }

        await SearchAndListAsync(host);
        if (reuse)
        {
            return;
        }

        await ImportAsync(host, connectionString, importRows);
        await TierAfterPurchaseAsync(host);
    }

    /// <summary>The service pieces the benchmark calls, beside the DbContext.</summary>
    private static void Register(HostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ValueRecalculator>();
        builder.Services.AddScoped<ImportProcessor>();
        builder.Services.AddScoped<ImportBatchWriter>();
        builder.Services.AddScoped<ImportReverter>();
        builder.Services.Configure<ImportOptions>(options => options.PollInterval = TimeSpan.FromMilliseconds(20));
    }

    private static string NameOf(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => Syllables[random.Next(Syllables.Length)])) is var first
        && string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => Syllables[random.Next(Syllables.Length)])) is var last
            ? $"{char.ToUpperInvariant(first[0])}{first[1..]} {char.ToUpperInvariant(last[0])}{last[1..]}"
            : "";

    private static string SegmentOf(int index) => index % 200 == 1 ? Segments[0] : index % 10 == 3 ? Segments[1] : index % 3 == 0 ? Segments[2] : Segments[3];

    /// <summary>Customers, purchases and their values through binary COPY, then the statistics the planner needs.</summary>
    private static async Task GenerateAsync(string connectionString, int customers, int purchases)
    {
        var random = new Random(42);
        var ids = new Guid[customers];
        var start = DateTimeOffset.UtcNow.AddYears(-3);
        // Loading millions of rows takes minutes; no statement timeout applies to setting up the data.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        await using (var segment = new NpgsqlCommand("""
            INSERT INTO custom_field_definitions (id, key, label, type, options, required, archived, position, created_at, updated_at)
            VALUES (gen_random_uuid(), 'segment', 'Segment', 'SingleChoice', $1, false, false, 0, now(), now())
            """, connection) { Parameters = { new() { Value = Segments } } })
        {
            await segment.ExecuteNonQueryAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY customers (id, kind, name, email, phone, industry, region, source, tags, custom_fields, created_at, updated_at, revision) FROM STDIN (FORMAT BINARY)"))
        {
            for (var index = 0; index < customers; index++)
            {
                var created = start.AddMinutes(random.Next(0, 3 * 365 * 24 * 60));
                ids[index] = Guid.CreateVersion7(created);
                var company = index % 5 == 0;
                var name = company ? $"{NameOf(random)} {(index % 3 == 0 ? "GmbH" : "Ltd")}" : NameOf(random);
                await writer.StartRowAsync();
                await writer.WriteAsync(ids[index], NpgsqlDbType.Uuid);
                await writer.WriteAsync(company ? "Company" : "Person", NpgsqlDbType.Varchar);
                await writer.WriteAsync(name, NpgsqlDbType.Varchar);
                await writer.WriteAsync($"{name.Replace(' ', '.').ToLowerInvariant()}.{index}@example.com", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"+49 30 {index:D8}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(Industries[random.Next(Industries.Length)], NpgsqlDbType.Varchar);
                await writer.WriteAsync(Regions[random.Next(Regions.Length)], NpgsqlDbType.Varchar);
                await writer.WriteAsync(Sources[random.Next(Sources.Length)], NpgsqlDbType.Varchar);
                await writer.WriteAsync(index % 7 == 0 ? new[] { "vip" } : [], NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync($"{{\"segment\": \"{SegmentOf(index)}\"}}", NpgsqlDbType.Jsonb);
                await writer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY purchases (id, customer_id, purchased_at, amount, currency, items, source, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var index = 0; index < purchases; index++)
            {
                // A skewed spread: a few customers buy a lot, most rarely.
                var customer = ids[(int)(Math.Pow(random.NextDouble(), 2) * customers)];
                var at = DateTimeOffset.UtcNow.AddDays(-random.Next(0, 3 * 365));
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(at), NpgsqlDbType.Uuid);
                await writer.WriteAsync(customer, NpgsqlDbType.Uuid);
                await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(Math.Round((decimal)(random.NextDouble() * 2_000), 2), NpgsqlDbType.Numeric);
                await writer.WriteAsync("EUR", NpgsqlDbType.Varchar);
                await writer.WriteAsync("[]", NpgsqlDbType.Jsonb);
                await writer.WriteAsync("import", NpgsqlDbType.Varchar);
                await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        // The values as the sweep would store them, computed in SQL so that setting up a million customers takes seconds.
        await using (var values = new NpgsqlCommand("""
            INSERT INTO customer_values (customer_id, customer_created_at, recency, frequency, monetary, purchase_count, total_spend, first_purchase_at,
                last_purchase_at, lifetime_value, tier, activity, lifecycle, churn_risk, churn_reasons, rating_basis, rated_value, grade, computed_at)
            SELECT c.id, c.created_at, CASE WHEN p.n IS NULL THEN 0 ELSE 3 END, LEAST(COALESCE(p.n, 0), 5), CASE WHEN p.n IS NULL THEN 0 ELSE 3 END,
                COALESCE(p.n, 0), COALESCE(p.total, 0), p.first, p.last, COALESCE(p.total, 0),
                CASE WHEN p.total >= 50000 THEN 'HighValue' WHEN p.total >= 5000 THEN 'Potential' ELSE 'General' END,
                CASE WHEN p.last > now() - interval '180 days' THEN 'Active' ELSE 'Dormant' END,
                CASE WHEN p.n IS NULL THEN 'Prospect' WHEN p.last < now() - interval '365 days' THEN 'Churned' WHEN p.n >= 5 THEN 'Loyal' ELSE 'Active' END,
                0, '{}', 'ValueCreated', COALESCE(p.total, 0),
                CASE WHEN p.total >= 50000 THEN 'A' WHEN p.total >= 10000 THEN 'B' WHEN p.total >= 1000 THEN 'C' ELSE 'D' END, now()
            FROM customers c
            LEFT JOIN (SELECT customer_id, count(*) AS n, sum(amount) AS total, min(purchased_at) AS first, max(purchased_at) AS last
                       FROM purchases GROUP BY customer_id) p ON p.customer_id = c.id
            """, connection) { CommandTimeout = 0 })
        {
            await values.ExecuteNonQueryAsync();
        }

        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task SearchAndListAsync(IHost host)
    {
        // The service's worker indexes each single-choice field (segment here) a round after it is defined; on reused data
        // the indexes are there already.
        var indexed = await Measure.OnceAsync(() => WithDbAsync(host, db =>
            CustomFieldIndexes.ReconcileAsync(db, "customers", CustomerQueries.CustomFieldOrders, CancellationToken.None)));
        Console.WriteLine($"Custom field indexes in step in {indexed.TotalSeconds:F1} s.");
        var random = new Random(7);
        // People search for customers that exist: sample their names (ordered by the random id, so spread over the table).
        var names = (await WithDbAsync(host, db => db.Customers.OrderBy(c => c.Id).Select(c => c.Name).Take(200).ToListAsync())).ToArray();
        var unknownNames = Enumerable.Range(0, 200).Select(_ => NameOf(random)).ToArray();
        string Typo(string name) => name.Length > 4 ? name.Remove(random.Next(1, name.Length - 1), 1) : name;
        Task ListAsync(ListCustomersQuery query, string queryString = "") => WithDbAsync(host, db =>
        {
            var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(queryString);
            return CustomersApi.ListCustomers(query, db, http, CancellationToken.None);
        });
        ListCustomersQuery Query(string? q = null, string? region = null, ValueTier? tier = null, LifecycleStage? lifecycle = null,
            string? industry = null, string? sort = null, string? grade = null) =>
            new(q, null, region, industry, null, null, null, null, null, null, tier, lifecycle, grade, sort, null, 50);

        Console.WriteLine("Search and list (the list endpoint's handler, 50 per page):");
        await Measure.PercentilesAsync("search by name (exact words)", 300, run => ListAsync(Query(q: names[run % names.Length])), 50);
        await Measure.PercentilesAsync("search by name with a typo", 300, run => ListAsync(Query(q: Typo(names[run % names.Length]))), 50);
        await Measure.PercentilesAsync("search by a name nobody has (every rank runs)", 300,
            run => ListAsync(Query(q: unknownNames[run % unknownNames.Length])), 50);
        await Measure.PercentilesAsync("search by phone digits", 300, run => ListAsync(Query(q: $"0{random.Next(10_000, 99_999)}")), 50);
        await Measure.PercentilesAsync("search by e-mail fragment", 300,
            run => ListAsync(Query(q: $"{names[run % names.Length].Split(' ')[0].ToLowerInvariant()}.")), 50);
        await Measure.PercentilesAsync("filter region + industry, by name", 300,
            run => ListAsync(Query(region: Regions[run % Regions.Length], industry: Industries[run % Industries.Length])), 50);
        await Measure.PercentilesAsync("filter tier=HighValue + region, newest first", 300,
            run => ListAsync(Query(region: Regions[run % Regions.Length], tier: ValueTier.HighValue, sort: "-createdAt")), 50);
        await Measure.PercentilesAsync("filter lifecycle=Churned, by name", 300, _ => ListAsync(Query(lifecycle: LifecycleStage.Churned)), 50);
        await Measure.PercentilesAsync("filter grade=A (rating), by name", 300, _ => ListAsync(Query(grade: "A")), 50);
        await Measure.PercentilesAsync("filter grade=B + region, newest first", 300,
            run => ListAsync(Query(region: Regions[run % Regions.Length], grade: "B", sort: "-createdAt")), 50);
        await Measure.PercentilesAsync("filter grade=A, newest first", 300, _ => ListAsync(Query(grade: "A", sort: "-createdAt")), 50);
        await Measure.PercentilesAsync("filter tier=HighValue, by name", 300, _ => ListAsync(Query(tier: ValueTier.HighValue)), 50);
        await Measure.PercentilesAsync("filter cf.segment (rare, 0.5 %), by name", 300, _ => ListAsync(Query(), $"?cf.segment={Segments[0]}"), 50);
        await Measure.PercentilesAsync("filter cf.segment (common, 33 %) + region, by name", 300,
            run => ListAsync(Query(region: Regions[run % Regions.Length]), $"?cf.segment={Segments[2]}"), 50);
        await Measure.PercentilesAsync("filter cf.segment (rare) + grade=C, newest first", 300,
            _ => ListAsync(Query(grade: "C", sort: "-createdAt"), $"?cf.segment={Segments[0]}"), 50);
        Console.WriteLine();
    }

    private static async Task ImportAsync(IHost host, string connectionString, int rows)
    {
        var worker = ActivatorUtilities.CreateInstance<ImportWorker>(host.Services);
        await worker.StartAsync(CancellationToken.None);
        // A service that has been running has its import code compiled and tuned already. The first import after a start
        // also pays for that, and .NET tiers up a method called once a batch only after dozens of batches, so the second
        // import still compiles thousands of methods: both are reported, and the third is the one measured.
        var first = await RunImportAsync(host, "first", "213", rows);
        var second = await RunImportAsync(host, "second", "214", rows);
        var run = await RunImportAsync(host, "import", "212", rows);
        await worker.StopAsync(CancellationToken.None);
        var sheet = run.Sheet;

        var copied = await Measure.OnceAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using (var create = new NpgsqlCommand("DROP TABLE IF EXISTS copy_bench; CREATE TABLE copy_bench (LIKE customers INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING INDEXES)", connection))
            {
                await create.ExecuteNonQueryAsync();
            }

            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY copy_bench (id, kind, name, email, phone, region, industry, tags, created_at, updated_at, revision) FROM STDIN (FORMAT BINARY)");
            foreach (var cells in sheet.Rows)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync("Person", NpgsqlDbType.Varchar);
                await writer.WriteAsync(cells[0], NpgsqlDbType.Varchar);
                await writer.WriteAsync(cells[1], NpgsqlDbType.Varchar);
                await writer.WriteAsync(cells[2], NpgsqlDbType.Varchar);
                await writer.WriteAsync(cells[3], NpgsqlDbType.Varchar);
                await writer.WriteAsync(cells[4], NpgsqlDbType.Varchar);
                await writer.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
            }

            await writer.CompleteAsync();
        });

        var importRate = rows / run.Took.TotalSeconds;
        var copyRate = rows / copied.TotalSeconds;
        Console.WriteLine("Import (the import worker's batches: validation, duplicate checks on e-mail and phone, customers, timeline, events, values):");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import of {rows:N0} CSV rows                              {run.Took.TotalSeconds,7:F1} s  {importRate,9:N0} rows/s  target >= 10,000 rows/s: {(importRate >= 10_000 ? "met" : "MISSED")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"plain COPY of the same rows into an indexed copy table   {copied.TotalSeconds,7:F1} s  {copyRate,9:N0} rows/s  import / COPY = {importRate / copyRate:P1}"));
        Console.WriteLine($"  {run.Done.Created:N0} created, {run.Done.Skipped:N0} skipped as duplicates; CPU during the import: {run.Cpu}");
        Console.WriteLine($"  the bench process during the import: {run.Runtime}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  the first import after the start, {first.Done.TotalRows:N0} rows: {first.Done.TotalRows / first.Took.TotalSeconds:N0} rows/s; {first.Runtime}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  the second import, {second.Done.TotalRows:N0} rows: {second.Done.TotalRows / second.Took.TotalSeconds:N0} rows/s; {second.Runtime}"));
        Console.WriteLine();
    }

    /// <summary>What one import through the worker took.</summary>
    private sealed record ImportRun(Spreadsheet Sheet, ImportJob Done, TimeSpan Took, string Cpu, string Runtime);

    /// <summary>
    /// Queues an import of generated rows, new but for one in twenty with an existing customer's phone, and waits until the
    /// worker completes it. The prefix and area code keep the rows of two imports apart.
    /// </summary>
    private static async Task<ImportRun> RunImportAsync(IHost host, string prefix, string areaCode, int rows)
    {
        var random = new Random(11);
        var csv = new StringBuilder("name,email,phone,region,industry\n");
        for (var row = 0; row < rows; row++)
        {
            var phone = row % 20 == 0 ? $"+49 30 {row:D8}" : $"+1 {areaCode} {row:D7}";
            csv.Append(CultureInfo.InvariantCulture,
                $"{NameOf(random)},{prefix}.{row}@bench.example,{phone},{Regions[row % Regions.Length]},{Industries[row % Industries.Length]}\n");
        }

        var content = Encoding.UTF8.GetBytes(csv.ToString());
        var sheet = Spreadsheet.Read("bench.csv", content);
        var columns = ColumnMapping.Resolve(sheet.Headers, new Dictionary<string, string?>(), [], out var customColumns, out _);
        var job = new ImportJob
        {
            Id = Guid.CreateVersion7(), FileName = "bench.csv", Mode = ImportMode.CreateOnly, MatchOn = ["email", "phone"], Columns = columns,
            CustomColumns = customColumns, Status = ImportStatus.Queued, CreatedAt = DateTimeOffset.UtcNow,
        };
        var cpu = ProcessCpu.Snapshot();
        var (allocated, gcPause, jitTime, jitted) = (
            GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
        // From queueing the job (the worker polls every 20 ms here) to seeing it completed.
        var took = await Measure.OnceAsync(async () =>
        {
            await WithDbAsync(host, async db =>
            {
                db.ImportJobs.Add(job);
                db.ImportFiles.Add(new ImportFile { JobId = job.Id, Content = content });
                await db.SaveChangesAsync();
            });
            while (await WithDbAsync(host, db => db.ImportJobs.Where(j => j.Id == job.Id).Select(j => j.Status).SingleAsync()) is not
                (ImportStatus.Completed or ImportStatus.Failed))
            {
                await Task.Delay(10);
            }
        });
        var cpuUsed = ProcessCpu.Since(cpu, rows, "row");
        var runtime = string.Create(CultureInfo.InvariantCulture,
            $"allocated {(GC.GetTotalAllocatedBytes() - allocated) / (double)rows / 1024:F1} KiB/row, GC pauses {(GC.GetTotalPauseDuration() - gcPause).TotalSeconds:F1} s, JIT {(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalSeconds:F1} s for {System.Runtime.JitInfo.GetCompiledMethodCount() - jitted:N0} methods");
        var done = await WithDbAsync(host, db => db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == job.Id));
        if (done.Status != ImportStatus.Completed || done.Created + done.Skipped != rows)
        {
            throw new InvalidOperationException($"The import ended {done.Status} with {done.Created} created, {done.Skipped} skipped, {done.Failed} failed: {done.FailureReason}");
        }

        return new ImportRun(sheet, done, took, cpuUsed, runtime);
    }

    /// <summary>Takes out what imports created (and the copy table), so that a kept database is back as generated.</summary>
    private static async Task RemoveImportsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        await using var remove = new NpgsqlCommand("""
            CREATE TEMP TABLE imported AS SELECT customer_id FROM timeline_entries WHERE source_reference LIKE 'import:%';
            DELETE FROM timeline_entries WHERE customer_id IN (SELECT customer_id FROM imported);
            DELETE FROM customer_values WHERE customer_id IN (SELECT customer_id FROM imported);
            DELETE FROM customers WHERE id IN (SELECT customer_id FROM imported);
            DELETE FROM outbox_messages;
            DELETE FROM import_jobs;
            DROP TABLE IF EXISTS copy_bench;
            """, connection);
        await remove.ExecuteNonQueryAsync();
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE customers, customer_values, timeline_entries, outbox_messages, import_changes", connection);
        await vacuum.ExecuteNonQueryAsync();
    }

    private static async Task TierAfterPurchaseAsync(IHost host)
    {
        var candidates = await WithDbAsync(host, db => db.CustomerValues.Where(value => value.Tier == ValueTier.General)
            .OrderBy(value => value.CustomerId).Select(value => value.CustomerId).Take(300).ToListAsync());
        Console.WriteLine("Value (a purchase recorded as the purchase endpoint records it; the tier is committed with it):");
        await Measure.PercentilesAsync("purchase of 60,000 → tier HighValue committed", candidates.Count - 20, async run =>
        {
            var customerId = candidates[run];
            await WithDbAsync(host, async db =>
            {
                db.Purchases.Add(new Purchase
                {
                    Id = Guid.CreateVersion7(), CustomerId = customerId, PurchasedAt = DateTimeOffset.UtcNow, Amount = 60_000m, Currency = "EUR",
                    Source = "manual", CreatedAt = DateTimeOffset.UtcNow,
                });
                await new ValueRecalculator(db, TimeProvider.System).SaveAndRevalueAsync(customerId, CancellationToken.None);
            });
            var tier = await WithDbAsync(host, db => db.CustomerValues.Where(v => v.CustomerId == customerId).Select(v => v.Tier).SingleAsync());
            if (tier != ValueTier.HighValue)
            {
                throw new InvalidOperationException($"Customer {customerId} is {tier} after the purchase.");
            }
        }, 1_000);
    }

    private static Task<T> WithDbAsync<T>(IHost host, Func<CustomersDbContext, Task<T>> work) => host.InScopeAsync(work);

    private static Task WithDbAsync(IHost host, Func<CustomersDbContext, Task> work) => host.InScopeAsync(work);
}
