using MimeKit;

namespace Crm.BuildingBlocks.Mail;

/// <summary>One open SMTP connection; not thread-safe, use it from one loop.</summary>
public interface IMailSession : IAsyncDisposable
{
    /// <summary>
    /// Sends <paramref name="message"/> and returns once the server has accepted it (250 after DATA). A dropped
    /// connection is reopened once before the send fails. The message keeps the Message-Id it was given, so a caller
    /// can record it before sending and recognise the message later.
    /// </summary>
    /// <exception cref="MailKit.Net.Smtp.SmtpCommandException">The server refused this message (a bad recipient, say).</exception>
    Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
