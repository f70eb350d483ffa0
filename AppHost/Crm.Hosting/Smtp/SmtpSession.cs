using System.Net.Sockets;
using System.Text;

namespace Crm.Hosting.Smtp;

/// <summary>The receiving half of SMTP (RFC 5321) that a catcher needs: accept every message, deliver none.</summary>
internal sealed class SmtpSession(TcpClient client, Action<CapturedMail> deliver)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 crm-smtp-catcher ready");

        string? from = null;
        var to = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-crm-smtp-catcher\r\n250-8BITMIME\r\n250 SMTPUTF8");
                    break;
                case "MAIL":
                    (from, to) = (Address(line), []);
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    to.Add(Address(line));
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    deliver(new CapturedMail(from ?? string.Empty, [.. to], await ReadDataAsync(reader, cancellationToken), DateTimeOffset.UtcNow));
                    (from, to) = (null, []);
                    await writer.WriteLineAsync("250 OK: queued");
                    break;
                case "RSET":
                    (from, to) = (null, []);
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "HELO" or "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 Command not implemented");
                    break;
            }
        }
    }

    /// <summary>The address between angle brackets of "MAIL FROM:&lt;a@b&gt; SIZE=1" or "RCPT TO:&lt;a@b&gt;".</summary>
    private static string Address(string line)
    {
        var open = line.IndexOf('<');
        var close = line.IndexOf('>', open + 1);
        return open >= 0 && close > open ? line[(open + 1)..close] : line[(line.IndexOf(':') + 1)..].Trim();
    }

    private static async Task<string> ReadDataAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line && line != ".")
        {
            // Senders double a leading dot so a lone "." can end the message (dot-stuffing).
            data.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
        }

        return data.ToString();
    }
}
