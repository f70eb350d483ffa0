using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Crm.Hosting.Processes;

namespace Crm.Hosting;

/// <summary>
/// A development SMTP server (aiosmtpd from Debian's python3-aiosmtpd) that accepts every message and keeps it in a
/// Maildir under the state folder instead of delivering it, so people and tests can read what the CRM really sent.
/// Connection string: <c>smtp://127.0.0.1:port</c>.
/// </summary>
public sealed class MailCatcherResource : ServerResource
{
    internal MailCatcherResource(string name, HostingContext context)
        : base(name, context, ParseEndpoint, AnyFreePort)
    {
    }

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
        List<string> arguments =
        [
            "-m", "aiosmtpd",
            // Stay the user we are: aiosmtpd would otherwise switch to 'nobody', who cannot write the state folder.
            "-n",
            "-u",
            "-l", $"{Host}:{Port}",
            "-c", "aiosmtpd.handlers.Mailbox", Maildir,
        ];
        return Task.FromResult(Spawn(new ProcessSpec(python, arguments, ServerDirectory, new Dictionary<string, string?> { ["PYTHONUNBUFFERED"] = "1" })));
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
