using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Crm.Hosting.Processes;

namespace Crm.Hosting;

/// <summary>
/// A development SMTP server (aiosmtpd from Debian's python3-aiosmtpd) that accepts every message and keeps it in a
/// Maildir under the state folder instead of delivering it, so people and tests can read what the CRM really sent.
/// Every recipient at <see cref="BouncingDomain"/> is refused with a permanent 550, to show hard bounces at send time.
/// Connection string: <c>smtp://127.0.0.1:port</c>.
/// </summary>
public sealed class MailCatcherResource : ServerResource
{
    internal MailCatcherResource(string name, HostingContext context)
        : base(name, context, ParseEndpoint, AnyFreePort)
    {
    }

    /// <summary>Recipients at this reserved domain (RFC 2606) are refused with 550 5.1.1, like a mailbox that does not exist.</summary>
    public const string BouncingDomain = "bounce.invalid";

    private const string HandlerModule = "crm_mail_catcher";

    /// <summary>The Maildir (cur/, new/, tmp/) every caught message is written to, one RFC 5322 file each.</summary>
    public string Maildir => Path.Combine(ServerDirectory, "Maildir");

    /// <summary>Every message caught so far, oldest first; a file appears only once the message is complete.</summary>
    public IReadOnlyList<string> MessageFiles() =>
    [
        .. new[] { "new", "cur" }
            .Select(folder => Path.Combine(Maildir, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => new DirectoryInfo(folder).GetFiles())
            .OrderBy(file => file.LastWriteTimeUtc).ThenBy(file => file.Name, StringComparer.Ordinal)
            .Select(file => file.FullName),
    ];

    internal override string TypeName => "Mail catcher";

    internal override string DisplayEndpoint => UsesExistingServer ? ConnectionString : $"{OwnConnectionString} (mail in {Maildir})";

    private protected override string OwnConnectionString => $"smtp://{Host}:{Port}";

    private protected override TimeSpan ReadyTimeout => TimeSpan.FromSeconds(30);

    private protected override Task<ChildProcess> LaunchAsync(CancellationToken cancellationToken)
    {
        var python = Context.Binaries.PythonPath;
        if (!File.Exists(python) || !AiosmtpdImportable(python))
        {
            throw new MissingBinaryException($"The mail catcher is not installed: run 'apt-get install -y python3-aiosmtpd' (looked for {python} with aiosmtpd)");
        }

        Directory.CreateDirectory(ServerDirectory);
        WriteHandler();
        // Our module runs aiosmtpd's server itself (with a faster DATA and PIPELINING, see the module's notes) as the
        // user we are, where aiosmtpd's own command line would switch to 'nobody' unless told not to.
        List<string> arguments = ["-m", HandlerModule, Host, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Maildir];
        return Task.FromResult(Spawn(new ProcessSpec(python, arguments, ServerDirectory,
            new Dictionary<string, string?> { ["PYTHONUNBUFFERED"] = "1", ["PYTHONPATH"] = ServerDirectory })));
    }

    /// <summary>The handler ships inside this assembly and is written next to the Maildir, where PYTHONPATH finds it.</summary>
    private void WriteHandler()
    {
        using var source = typeof(MailCatcherResource).Assembly.GetManifestResourceStream($"Crm.Hosting.MailCatcher.{HandlerModule}.py")
            ?? throw new InvalidOperationException("The mail catcher's handler is missing from Crm.Hosting.");
        using var target = File.Create(Path.Combine(ServerDirectory, $"{HandlerModule}.py"));
        source.CopyTo(target);
    }

    /// <summary>True once the server greets with 220, the start of every SMTP conversation.</summary>
    private protected override async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Host, Port, cancellationToken);
        var buffer = new byte[128];
        var read = await client.GetStream().ReadAsync(buffer, cancellationToken);
        return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("220", StringComparison.Ordinal);
    }

    private static bool AiosmtpdImportable(string python)
    {
        using var check = Process.Start(new ProcessStartInfo(python, ["-c", "import aiosmtpd"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        check.WaitForExit();
        return check.ExitCode == 0;
    }

    /// <summary>"smtp://host:port" (port 25 when left out).</summary>
    private static DnsEndPoint ParseEndpoint(string connectionString)
    {
        var uri = new Uri(connectionString);
        return new DnsEndPoint(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 25 : uri.Port);
    }
}
