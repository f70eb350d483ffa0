using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Crm.BuildingBlocks.Mail;

/// <summary>MailKit's SMTP client against the server the <c>mail</c> connection string names.</summary>
public sealed class SmtpMailSender(MailServerOptions server, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task<IMailSession> ConnectAsync(CancellationToken cancellationToken)
    {
        var session = new Session(server, logger);
        await session.OpenAsync(cancellationToken);
        return session;
    }

    private sealed class Session(MailServerOptions server, ILogger logger) : IMailSession
    {
        private readonly SmtpClient client = new ChunkingSmtpClient { Timeout = (int)TimeSpan.FromSeconds(30).TotalMilliseconds };

        public async Task OpenAsync(CancellationToken cancellationToken)
        {
            await client.ConnectAsync(server.Host, server.Port, server.Security, cancellationToken);
            if (server.UserName is not null)
            {
                await client.AuthenticateAsync(server.UserName, server.Password ?? string.Empty, cancellationToken);
            }
        }

        public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(message.MessageId))
            {
                message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
            }

            if (!client.IsConnected)
            {
                // The server closes idle connections; a campaign paused or throttled for a while reconnects here.
                logger.LogInformation("Reconnecting to the mail server at {Host}:{Port}", server.Host, server.Port);
                await OpenAsync(cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            return message.MessageId;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
            }
            catch (Exception e) when (e is IOException or MailKit.ProtocolException or SmtpCommandException or OperationCanceledException)
            {
                // Every message was already accepted or failed on its own; a failing QUIT changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
