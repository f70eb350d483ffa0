using System.Diagnostics;
using System.Globalization;
using Crm.BuildingBlocks.Mail;
using Crm.BuildingBlocks.Security;
using Crm.Hosting;
using Crm.Marketing.Apis;
using Crm.Marketing.Consent;
using Crm.Marketing.Extensions;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.Marketing.Segments;
using Crm.Marketing.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Bench;

/// <summary>
/// Issue 5's send target: a campaign to 100,000 opted-in contacts reaches the SMTP catcher at ≥ 1,000 mails/s with none
/// duplicated. Marketing's own <see cref="CampaignSender"/> runs in-process as the hosted service it is, with its real
/// options, against a private PostgreSQL and the same aiosmtpd catcher the AppHost starts. Timed from the campaign
/// turning Sending (as "send now" does) to the last mail's file in the catcher's Maildir; then every file's Message-Id
/// and envelope recipient is checked against the recipient rows, and every row must be Sent.
/// </summary>
public static class MarketingSendBenchmark
{
    private const string Subject = "{{ first_name }}, what is new in {{ region }}";

    private const string Html = """
        <html><body>
        <h1>Hello {{ first_name }}</h1>
        <p>Customers in {{ region }} working in {{ industry | downcase }} liked these this month:</p>
        <ul>
          <li><a href="https://shop.example/offers/autumn?utm_source=mail">Autumn offers</a></li>
          <li><a href="https://shop.example/guides/segments">A guide to segments</a></li>
        </ul>
        {% if tier == "HighValue" %}<p>As one of our best customers you get free shipping.</p>{% endif %}
        <p>Regards,<br>The CRM team</p>
        </body></html>
        """;

    private const string Text = """
        Hello {{ first_name }},

        Customers in {{ region }} liked our autumn offers: https://shop.example/offers/autumn
        {% if tier == "HighValue" %}As one of our best customers you get free shipping.{% endif %}

        Regards, the CRM team
        """;

    /// <param name="connections">Overrides <see cref="MarketingOptions.SenderConnections"/> when above zero; the service's default otherwise.</param>
    public static async Task RunAsync(int recipients, int blast, int connections)
    {
        var catcherState = Path.Combine(Path.GetTempPath(), $"crm-bench-mail-{Guid.NewGuid():N}");
        var hosting = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { StateDirectory = catcherState, ForTests = true });
        hosting.AddMailCatcher("mail");
        await using var catchers = hosting.Build();
        await catchers.StartAsync();
        var catcher = catchers.GetResource<MailCatcherResource>("mail");
        try
        {
            await using var bench = await BenchDatabase<MarketingDbContext>.StartAsync("marketingdb", builder => Register(builder, catcher.ConnectionString, connections));
            Console.WriteLine($"Load average at start: {LoadAverage()}");
            if (blast > 0)
            {
                await BlastAsync(bench.Host.Services.GetRequiredService<IMailSender>(), catcher, blast,
                    bench.Host.Services.GetRequiredService<IOptions<MarketingOptions>>().Value.SenderConnections);
            }

            Console.WriteLine($"Generating {recipients:N0} opted-in contacts...");
            await GenerateAsync(bench.ConnectionString, recipients);
            var (segmentId, templateId) = await AddSegmentAndTemplateAsync(bench);
            await bench.Host.StartAsync();
            await SendCampaignAsync(bench, catcher, recipients, segmentId, templateId);
            await bench.Host.StopAsync();
        }
        finally
        {
            await catchers.StopAsync();
            Directory.Delete(catcherState, recursive: true);
        }
    }

    /// <summary>What the campaign path needs beside the DbContext, registered as marketing's Extensions does.</summary>
    private static void Register(HostApplicationBuilder builder, string mailConnectionString, int connections)
    {
        builder.Configuration[$"ConnectionStrings:{MailExtensions.ConnectionName}"] = mailConnectionString;
        builder.AddMailSender();
        builder.Services.AddOptions<MarketingOptions>().Configure(options =>
        {
            options.SigningKey = "marketing-send-benchmark-signing-key";
            options.SenderConnections = connections > 0 ? connections : options.SenderConnections;
        });
        builder.Services.AddSingleton(provider => new LinkSigner(
            provider.GetRequiredService<IOptions<MarketingOptions>>().Value.SigningKey, "Marketing:SigningKey"));
        builder.Services.AddScoped<MailingPolicy>();
        builder.Services.AddScoped<BounceRecorder>();
        builder.Services.AddScoped<MailComposer>();
        builder.Services.AddScoped<LiveSegments>();
        builder.Services.AddScoped<SegmentEvaluator>();
        builder.Services.AddScoped<RecipientQueue>();
        builder.Services.AddHostedService<CampaignSender>();
    }

    /// <summary>
    /// The catcher alone: ready-made messages over as many connections as the sender uses, with no database or
    /// rendering, to tell the catcher's ceiling from the sender's. The files are removed afterwards.
    /// </summary>
    private static async Task BlastAsync(IMailSender mail, MailCatcherResource catcher, int count, int connections)
    {
        var cpu = ProcessCpu.Snapshot();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async connection =>
        {
            await using var session = await mail.ConnectAsync(CancellationToken.None);
            for (var index = connection; index < count; index += connections)
            {
                var message = new MimeMessage { Subject = $"Blast {index}", MessageId = $"blast.{index}@bench.crm.local" };
                message.From.Add(new MailboxAddress("CRM Marketing", "marketing@crm.local"));
                message.To.Add(new MailboxAddress($"Contact {index}", $"blast.{index}@example.com"));
                message.Body = new BodyBuilder { HtmlBody = Html, TextBody = Text }.ToMessageBody();
                await session.SendAsync(message, CancellationToken.None);
            }
        }));
        var took = watch.Elapsed;
        var caught = catcher.MessageFiles();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"catcher alone (MailKit, {connections} connections, ready-made messages): {count:N0} in {took.TotalSeconds:F1} s = {count / took.TotalSeconds:N0} mails/s, {caught.Count:N0} files"));
        Console.WriteLine($"  CPU during the blast: {ProcessCpu.Since(cpu, count)}");
        foreach (var file in caught)
        {
            File.Delete(file);
        }
    }

    /// <summary>Contacts tagged "newsletter", every one opted in with an address of their own, through binary COPY.</summary>
    private static async Task GenerateAsync(string connectionString, int recipients)
    {
        string[] regions = ["EMEA", "APAC", "NA", "LATAM", "DACH", "Nordics"];
        string[] industries = ["Manufacturing", "Retail", "Software", "Logistics", "Finance"];
        string[] tiers = ["HighValue", "Potential", "General"];
        var now = DateTimeOffset.UtcNow;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY customers (id, name, kind, email, industry, region, source, tags, registered_at, tier, lifecycle, recency, frequency,
                            monetary, total_spend, consent, lead_score, revision, is_deleted) FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var index = 0; index < recipients; index++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync($"Person{index} Sender", NpgsqlDbType.Varchar);
                await writer.WriteAsync("Person", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"person.{index}@example.com", NpgsqlDbType.Text);
                await writer.WriteAsync(industries[index % industries.Length], NpgsqlDbType.Text);
                await writer.WriteAsync(regions[index % regions.Length], NpgsqlDbType.Text);
                await writer.WriteAsync("web", NpgsqlDbType.Text);
                await writer.WriteAsync(new[] { "newsletter" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(now.AddDays(-index % 700), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(tiers[index % tiers.Length], NpgsqlDbType.Varchar);
                await writer.WriteAsync("Active", NpgsqlDbType.Varchar);
                await writer.WriteAsync(3, NpgsqlDbType.Integer);
                await writer.WriteAsync(3, NpgsqlDbType.Integer);
                await writer.WriteAsync(3, NpgsqlDbType.Integer);
                await writer.WriteAsync(100m, NpgsqlDbType.Numeric);
                await writer.WriteAsync("OptedIn", NpgsqlDbType.Varchar);
                await writer.WriteAsync(0, NpgsqlDbType.Integer);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
            }

            await writer.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE customers", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task<(Guid SegmentId, Guid TemplateId)> AddSegmentAndTemplateAsync(BenchDatabase<MarketingDbContext> bench)
    {
        var (segmentId, templateId, now) = (Guid.CreateVersion7(), Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        await bench.WithDbAsync(async db =>
        {
            db.Segments.Add(new Segment
            {
                Id = segmentId, Name = "Newsletter", Rules = """{"field":"tags","op":"contains","value":"newsletter"}""", CreatedAt = now, UpdatedAt = now, Version = 1,
            });
            db.Templates.Add(new EmailTemplate { Id = templateId, Name = "Autumn news", Subject = Subject, HtmlBody = Html, TextBody = Text, CreatedAt = now });
            await db.SaveChangesAsync();
        });
        return (segmentId, templateId);
    }

    private static async Task SendCampaignAsync(BenchDatabase<MarketingDbContext> bench, MailCatcherResource catcher, int recipients, Guid segmentId, Guid templateId)
    {
        var options = bench.Host.Services.GetRequiredService<IOptions<MarketingOptions>>().Value;
        var campaignId = Guid.CreateVersion7();
        var cpu = ProcessCpu.Snapshot();
        var started = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        await bench.WithDbAsync(async db =>
        {
            // As POST /campaigns/{id}/send does for "now": the campaign is Sending from this moment.
            var now = DateTimeOffset.UtcNow;
            db.Campaigns.Add(new Campaign
            {
                Id = campaignId, Name = "Autumn news", TemplateId = templateId, SegmentId = segmentId, FromAddress = options.DefaultFromAddress,
                FromName = options.DefaultFromName, Status = CampaignStatus.Sending, RatePerMinute = CreateCampaignRequestValidator.MaxRatePerMinute,
                CreatedAt = now, StartedAt = now,
            });
            await db.SaveChangesAsync();
        });

        // Waits for the campaign to turn Completed (one row, once a second; the rows are counted only for the progress line
        // every 10 s) and lists the Maildir once at the end: listing up to 100,000 files every second cost the bench process,
        // counted as the sender, more CPU than it measured. A row is Sent only after the catcher answered 250, so after it
        // wrote the file; the end is the last file's write time.
        var maildir = new DirectoryInfo(Path.Combine(catcher.Maildir, "new"));
        var deadline = TimeSpan.FromSeconds(Math.Max(120, recipients / 100.0));
        var completed = false;
        while (!(completed = await IsCompletedAsync(bench, campaignId)) && watch.Elapsed < deadline)
        {
            if (watch.Elapsed.TotalSeconds % 10 < 1)
            {
                var sent = await CountSentAsync(bench, campaignId);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {watch.Elapsed.TotalSeconds,5:F0} s: {sent:N0} mails sent"));
            }

            await Task.Delay(1000);
        }

        var files = maildir.GetFiles();
        var caught = files.Length;
        var took = caught >= recipients ? files.Max(file => file.LastWriteTimeUtc) - started : watch.Elapsed;
        var used = ProcessCpu.Since(cpu, caught);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"campaign to {recipients:N0}: {caught:N0} mails caught in {took.TotalSeconds:F1} s = {caught / took.TotalSeconds:N0} mails/s " +
            $"(target ≥ 1,000/s: {(caught >= recipients && recipients / took.TotalSeconds >= 1000 ? "met" : "MISSED")}); " +
            $"{options.SenderConnections} connections, chunks of {options.SenderChunkSize}, rate limit {CreateCampaignRequestValidator.MaxRatePerMinute:N0}/min"));
        Console.WriteLine($"  CPU during the send: {used}");
        Console.WriteLine($"  Load average at the end: {LoadAverage()}");
        await VerifyAsync(bench, maildir.FullName, campaignId, completed);
    }

    private static async Task<int> CountSentAsync(BenchDatabase<MarketingDbContext> bench, Guid campaignId)
    {
        var sent = 0;
        await bench.WithDbAsync(async db => sent = await db.CampaignRecipients.CountAsync(r => r.CampaignId == campaignId && r.Status == RecipientStatus.Sent));
        return sent;
    }

    private static async Task<bool> IsCompletedAsync(BenchDatabase<MarketingDbContext> bench, Guid campaignId)
    {
        var completed = false;
        await bench.WithDbAsync(async db => completed = await db.Campaigns.AnyAsync(c => c.Id == campaignId && c.Status == CampaignStatus.Completed));
        return completed;
    }

    /// <summary>None duplicated, none missing: every caught file's Message-Id and envelope recipient against the recipient rows.</summary>
    private static async Task VerifyAsync(BenchDatabase<MarketingDbContext> bench, string maildir, Guid campaignId, bool completed)
    {
        Dictionary<string, string> expected = [];
        Dictionary<RecipientStatus, int> statuses = [];
        await bench.WithDbAsync(async db =>
        {
            expected = await db.CampaignRecipients.AsNoTracking().Where(r => r.CampaignId == campaignId)
                .Join(db.Customers, r => r.ContactId, c => c.Id, (r, c) => new { r.MessageId, c.Email })
                .ToDictionaryAsync(row => $"<{row.MessageId}>", row => row.Email!);
            statuses = await db.CampaignRecipients.Where(r => r.CampaignId == campaignId).GroupBy(r => r.Status)
                .ToDictionaryAsync(group => group.Key, group => group.Count());
        });

        var files = Directory.GetFiles(maildir);
        var messageIds = new Dictionary<string, int>();
        var wrongRecipient = 0;
        foreach (var file in files)
        {
            var (messageId, recipient) = EnvelopeOf(file);
            messageIds[messageId] = messageIds.GetValueOrDefault(messageId) + 1;
            if (!expected.TryGetValue(messageId, out var address) || !string.Equals(address, recipient, StringComparison.OrdinalIgnoreCase))
            {
                wrongRecipient++;
            }
        }

        var duplicated = messageIds.Values.Sum(count => count - 1);
        var missing = expected.Keys.Count(messageId => !messageIds.ContainsKey(messageId));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {files.Length:N0} files, {messageIds.Count:N0} distinct Message-Ids: duplicated {duplicated:N0}, missing {missing:N0}, " +
            $"not matching their recipient row {wrongRecipient:N0}"));
        Console.WriteLine($"  recipient rows: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value:N0}"))}; campaign completed: {completed}");
        var sound = duplicated == 0 && missing == 0 && wrongRecipient == 0 && completed
            && statuses.GetValueOrDefault(RecipientStatus.Sent) == expected.Count && statuses.Count == 1;
        Console.WriteLine($"  none duplicated, none missing, all Sent: {(sound ? "yes" : "NO")}");
    }

    /// <summary>The Message-Id header and the catcher's X-RcptTo, read from the header block only.</summary>
    private static (string MessageId, string Recipient) EnvelopeOf(string file)
    {
        var (messageId, recipient) = ("", "");
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase))
            {
                messageId = line["Message-Id:".Length..].Trim();
            }
            else if (line.StartsWith("X-RcptTo:", StringComparison.OrdinalIgnoreCase))
            {
                recipient = line["X-RcptTo:".Length..].Trim();
            }
        }

        return (messageId, recipient);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
