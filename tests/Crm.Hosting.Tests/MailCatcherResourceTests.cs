using System.Net.Mail;
using Crm.Hosting.Tests.Infrastructure;

namespace Crm.Hosting.Tests;

public sealed class MailCatcherResourceTests : IDisposable
{
    private readonly TestStateDirectory state = new();
    private readonly LogBuffer log = new();

    [Fact]
    public async Task Mail_catcher_keeps_sent_mail_in_a_maildir_across_a_restart_and_leaves_no_process_when_stopped()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = TestApplication.CreateBuilder(state, log);
        builder.AddMailCatcher("mail");
        await using var app = builder.Build();
        await app.StartAsync(ct);
        var mail = app.GetResource<MailCatcherResource>("mail");
        var endpoint = new Uri(app.GetConnectionString("mail"));
        endpoint.Scheme.ShouldBe("smtp");

        using (var client = new SmtpClient(endpoint.Host, endpoint.Port))
        {
            await client.SendMailAsync(new MailMessage("crm@example.org", "customer@example.org", "Welcome", "Hello"), ct);
        }

        var file = mail.MessageFiles().ShouldHaveSingleItem();
        var text = await File.ReadAllTextAsync(file, ct);
        text.ShouldContain("Subject: Welcome");
        text.ShouldContain("X-RcptTo: customer@example.org");
        text.ShouldContain("X-MailFrom: crm@example.org");

        await mail.StopAsync(ct);
        OwnedProcesses.Of(state.FullPath).ShouldBeEmpty();
        await mail.StartAsync(ct);
        mail.MessageFiles().ShouldHaveSingleItem().ShouldBe(file);

        await app.StopAsync(ct);
        OwnedProcesses.Of(state.FullPath).ShouldBeEmpty();
    }

    [Fact]
    public async Task Mail_catcher_refuses_every_recipient_at_the_bouncing_domain_with_a_permanent_error_and_keeps_the_rest()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = TestApplication.CreateBuilder(state, log);
        builder.AddMailCatcher("mail");
        await using var app = builder.Build();
        await app.StartAsync(ct);
        var endpoint = new Uri(app.GetConnectionString("mail"));

        using var client = new SmtpClient(endpoint.Host, endpoint.Port);
        var refused = await Should.ThrowAsync<SmtpFailedRecipientException>(() => client.SendMailAsync(
            new MailMessage("crm@example.org", $"nobody@{MailCatcherResource.BouncingDomain}", "Bounce", "Hello"), ct));
        refused.StatusCode.ShouldBe(SmtpStatusCode.MailboxUnavailable);
        await client.SendMailAsync(new MailMessage("crm@example.org", "customer@example.org", "Kept", "Hello"), ct);

        var text = await File.ReadAllTextAsync(app.GetResource<MailCatcherResource>("mail").MessageFiles().ShouldHaveSingleItem(), ct);
        text.ShouldContain("Subject: Kept");
        await app.StopAsync(ct);
    }

    /// <summary>What MailKit does with a server offering PIPELINING and CHUNKING, spelled out on a raw connection.</summary>
    [Fact]
    public async Task Mail_catcher_takes_a_message_in_bdat_chunks_pipelined_with_its_envelope_without_dot_stuffing()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = TestApplication.CreateBuilder(state, log);
        builder.AddMailCatcher("mail");
        await using var app = builder.Build();
        await app.StartAsync(ct);
        var endpoint = new Uri(app.GetConnectionString("mail"));
        using var connection = new System.Net.Sockets.TcpClient();
        await connection.ConnectAsync(endpoint.Host, endpoint.Port, ct);
        var stream = connection.GetStream();
        using var answers = new StreamReader(stream, System.Text.Encoding.ASCII);
        async Task<string> SendAsync(string text)
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(text), ct);
            return await answers.ReadLineAsync(ct) ?? "";
        }

        (await answers.ReadLineAsync(ct)).ShouldStartWith("220");
        await stream.WriteAsync("EHLO crm.local\r\n"u8.ToArray(), ct);
        var capabilities = new List<string>();
        while (await answers.ReadLineAsync(ct) is { } line && capabilities.Count < 20)
        {
            capabilities.Add(line);
            if (line.StartsWith("250 ", StringComparison.Ordinal))
            {
                break;
            }
        }

        capabilities.ShouldContain("250-PIPELINING");
        capabilities.ShouldContain("250-CHUNKING");
        const string message = "Subject: Chunked\r\n\r\n.a line starting with a dot\r\nthe end\r\n";
        (await SendAsync($"MAIL FROM:<crm@example.org>\r\nRCPT TO:<customer@example.org>\r\nBDAT 20\r\n{message[..20]}")).ShouldBe("250 OK");
        (await answers.ReadLineAsync(ct)).ShouldBe("250 OK");
        (await answers.ReadLineAsync(ct)).ShouldBe("250 20 octets received");
        (await SendAsync($"BDAT {message.Length - 20} LAST\r\n{message[20..]}")).ShouldBe("250 OK");

        var text = await File.ReadAllTextAsync(app.GetResource<MailCatcherResource>("mail").MessageFiles().ShouldHaveSingleItem(), ct);
        text.ShouldContain("X-RcptTo: customer@example.org");
        text.ShouldEndWith("Subject: Chunked\n\n.a line starting with a dot\nthe end\n");
        await app.StopAsync(ct);
    }

    [Fact]
    public async Task Missing_aiosmtpd_names_the_package_to_install()
    {
        var builder = TestApplication.CreateBuilder(state, log, options => options.Binaries.PythonPath = "/nonexistent/python3");
        builder.AddMailCatcher("mail");
        await using var app = builder.Build();

        var failure = await Should.ThrowAsync<MissingBinaryException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        failure.Message.ShouldBe("The mail catcher is not installed: run 'apt-get install -y python3-aiosmtpd' (looked for /nonexistent/python3 with aiosmtpd)");
    }

    public void Dispose() => state.Dispose();
}
