using System.Net.Mail;
using Crm.Hosting.Tests.Infrastructure;

namespace Crm.Hosting.Tests;

public sealed class SmtpCatcherResourceTests : IDisposable
{
    private readonly TestStateDirectory state = new();
    private readonly LogBuffer log = new();

    [Fact]
    public async Task Smtp_catcher_keeps_sent_mail_in_memory_and_as_eml_files()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = TestApplication.CreateBuilder(state, log);
        builder.AddSmtpCatcher("mail");
        await using var app = builder.Build();
        await app.StartAsync(ct);
        var mail = app.GetResource<SmtpCatcherResource>("mail");
        var endpoint = new Uri(app.GetConnectionString("mail"));

        using (var client = new SmtpClient(endpoint.Host, endpoint.Port))
        {
            await client.SendMailAsync(
                new MailMessage("crm@example.org", "customer@example.org", "Welcome", "Hello\r\n.leading dot survives"), ct);
        }

        var caught = await mail.WaitForMessageAsync(message => message.Subject == "Welcome", TimeSpan.FromSeconds(10), ct);
        caught.From.ShouldBe("crm@example.org");
        caught.To.ShouldBe(["customer@example.org"]);
        caught.Data.ShouldContain(".leading dot survives");
        Directory.GetFiles(mail.MailDirectory, "*.eml").Length.ShouldBe(1);

        await app.StopAsync(ct);
        mail.State.ShouldBe(ResourceState.Stopped);
    }

    public void Dispose() => state.Dispose();
}
