using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Crm.Hosting.Networking;
using Crm.Hosting.Smtp;

namespace Crm.Hosting;

/// <summary>
/// An SMTP server inside the AppHost that accepts every message and keeps it (in memory and as .eml files under the
/// state folder) instead of delivering it, so developers and tests can see what the CRM sent.
/// </summary>
public sealed class SmtpCatcherResource : Resource, IResourceWithConnectionString
{
    private readonly ConcurrentQueue<CapturedMail> messages = new();
    private CancellationTokenSource? stopping;
    private TcpListener? listener;
    private Task? acceptLoop;
    private int saved;

    internal SmtpCatcherResource(string name, HostingContext context)
        : base(name, context)
    {
        Port = FreePort.Next();
    }

    public int Port { get; }

    public string ConnectionString => $"smtp://127.0.0.1:{Port}";

    public IReadOnlyList<CapturedMail> Messages => [.. messages];

    /// <summary>Where each message is also written as an .eml file, to open in any mail client.</summary>
    public string MailDirectory => Path.Combine(Context.StateDirectory, Name);

    internal override string TypeName => "SMTP catcher";

    internal override string DisplayEndpoint => $"{ConnectionString} (mail in {MailDirectory})";

    /// <summary>Waits until a message matching <paramref name="predicate"/> has arrived, because services send mail in the background.</summary>
    public async Task<CapturedMail> WaitForMessageAsync(Func<CapturedMail, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (messages.FirstOrDefault(predicate) is { } message)
            {
                return message;
            }

            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No matching message reached '{Name}' within {timeout.TotalSeconds:0} s ({messages.Count} received).");
            }
        }
    }

    private protected override Task OnStartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(MailDirectory);
        stopping = new CancellationTokenSource();
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        acceptLoop = AcceptAsync(listener, stopping.Token);
        Log($"ready on {ConnectionString}");
        return Task.CompletedTask;
    }

    private protected override async Task OnStopAsync()
    {
        if (stopping is null || listener is null || acceptLoop is null)
        {
            return;
        }

        await stopping.CancelAsync();
        listener.Stop();
        await acceptLoop;
        stopping.Dispose();
        (stopping, listener, acceptLoop) = (null, null, null);
    }

    private async Task AcceptAsync(TcpListener server, CancellationToken cancellationToken)
    {
        var sessions = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await server.AcceptTcpClientAsync(cancellationToken);
                sessions.Add(RunSessionAsync(client, cancellationToken));
                sessions.RemoveAll(session => session.IsCompleted);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        await Task.WhenAll(sessions);
    }

    private async Task RunSessionAsync(TcpClient client, CancellationToken cancellationToken)
    {
        try
        {
            await new SmtpSession(client, Deliver).RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
            // A client hanging up mid-session is its own problem; the catcher keeps serving others.
        }
    }

    private void Deliver(CapturedMail mail)
    {
        messages.Enqueue(mail);
        var file = Path.Combine(MailDirectory, $"{mail.ReceivedAt:yyyyMMdd-HHmmss}-{Interlocked.Increment(ref saved):D4}.eml");
        File.WriteAllText(file, mail.Data);
        Log($"caught \"{mail.Subject}\" from {mail.From} to {string.Join(", ", mail.To)}");
    }
}
