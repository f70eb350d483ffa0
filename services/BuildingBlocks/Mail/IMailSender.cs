using MimeKit;

namespace Crm.BuildingBlocks.Mail;

/// <summary>Hands mail to the configured SMTP server.</summary>
public interface IMailSender
{
    /// <summary>
    /// Opens one SMTP connection for a batch of messages: sending many over one connection is what keeps a campaign
    /// from paying a TCP and SMTP handshake per recipient. Dispose it to say QUIT.
    /// </summary>
    Task<IMailSession> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Sends one message on a connection of its own (a one-off notification).</summary>
    async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await using var session = await ConnectAsync(cancellationToken);
        await session.SendAsync(message, cancellationToken);
    }
}
