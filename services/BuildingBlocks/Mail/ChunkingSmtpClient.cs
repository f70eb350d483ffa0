using MailKit.Net.Smtp;

namespace Crm.BuildingBlocks.Mail;

/// <summary>
/// MailKit's client, sending every message with BDAT when the server offers CHUNKING (RFC 3030), as most do: the
/// command and the message go out in one write and the server answers once, where DATA waits for "354" before the
/// message can follow. At a campaign's thousand mails a second, that round trip is a third of the network work per mail
/// on both ends. A server without CHUNKING still gets DATA.
/// </summary>
internal sealed class ChunkingSmtpClient : SmtpClient
{
    protected override bool PreferSendAsBinaryData => true;
}
