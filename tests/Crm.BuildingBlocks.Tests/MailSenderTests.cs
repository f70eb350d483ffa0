using Crm.BuildingBlocks.Mail;
using Crm.BuildingBlocks.Tests.Infrastructure;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Crm.BuildingBlocks.Tests;

public sealed class MailSenderTests(Servers servers)
{
    [Fact]
    public async Task Messages_sent_over_one_connection_arrive_at_the_smtp_server_with_their_message_ids()
    {
        var ct = TestContext.Current.CancellationToken;
        var sender = new SmtpMailSender(MailServerOptions.Parse(servers.MailConnectionString), NullLogger<SmtpMailSender>.Instance);
        var run = Guid.NewGuid().ToString("N");
        var sentIds = new List<string>();

        await using (var session = await sender.ConnectAsync(ct))
        {
            foreach (var name in new[] { "Ada", "Grace" })
            {
                var message = new MimeMessage { Subject = $"Hello {name} {run}" };
                message.From.Add(new MailboxAddress("CRM", "crm@example.org"));
                message.To.Add(new MailboxAddress(name, $"{name.ToLowerInvariant()}@example.org"));
                message.Body = new TextPart("plain") { Text = $"Dear {name},\r\n.a line starting with a dot\r\nÜmlauts survive." };
                sentIds.Add(await session.SendAsync(message, ct));
            }
        }

        var arrived = servers.MailCatcher.MessageFiles()
            .Select(file => MimeMessage.Load(file))
            .Where(message => message.Subject?.EndsWith(run, StringComparison.Ordinal) == true)
            .ToList();
        arrived.Select(message => message.MessageId).ShouldBe(sentIds, ignoreOrder: true);
        var grace = arrived.Single(message => message.Subject!.StartsWith("Hello Grace", StringComparison.Ordinal));
        grace.To.Mailboxes.Single().Address.ShouldBe("grace@example.org");
        grace.TextBody.ShouldNotBeNull().ShouldContain(".a line starting with a dot");
        grace.TextBody.ShouldContain("Ümlauts survive.");
    }

    [Theory]
    [InlineData("smtp://127.0.0.1:2525", "127.0.0.1", 2525, SecureSocketOptions.None, null, null)]
    [InlineData("smtp://mail.example.org?tls=starttls", "mail.example.org", 25, SecureSocketOptions.StartTls, null, null)]
    [InlineData("smtps://crm%40example.org:p%3Ass@mail.example.org", "mail.example.org", 465, SecureSocketOptions.SslOnConnect, "crm@example.org", "p:ss")]
    [InlineData("smtp://user:pw@mail.example.org:587?tls=auto", "mail.example.org", 587, SecureSocketOptions.StartTlsWhenAvailable, "user", "pw")]
    public void Connection_strings_name_host_port_security_and_credentials(
        string connectionString, string host, int port, SecureSocketOptions security, string? userName, string? password) =>
        MailServerOptions.Parse(connectionString).ShouldBe(new MailServerOptions(host, port, security, userName, password));

    [Theory]
    [InlineData("mail.example.org:25")]
    [InlineData("http://mail.example.org")]
    [InlineData("smtp://mail.example.org?tls=sometimes")]
    public void A_malformed_connection_string_is_refused(string connectionString) =>
        Should.Throw<FormatException>(() => MailServerOptions.Parse(connectionString));
}
