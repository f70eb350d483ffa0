using MailKit.Security;

namespace Crm.BuildingBlocks.Mail;

/// <summary>Where and how to hand mail over, read from the <c>mail</c> connection string.</summary>
/// <param name="UserName">Null when the server takes mail without authentication (the development catcher does).</param>
public sealed record MailServerOptions(string Host, int Port, SecureSocketOptions Security, string? UserName, string? Password)
{
    /// <summary>
    /// <c>smtp://[user:password@]host[:port][?tls=none|starttls|ssl|auto]</c>; <c>smtps://</c> means TLS on connect
    /// (port 465 by default). Plain <c>smtp://</c> sends without TLS: the AppHost's catcher listens on loopback only,
    /// a production server is named with <c>?tls=starttls</c> (or <c>auto</c>, which uses STARTTLS when offered).
    /// </summary>
    public static MailServerOptions Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("smtp" or "smtps") || uri.Host.Length == 0)
        {
            throw new FormatException("The mail connection string must look like smtp://[user:password@]host[:port][?tls=none|starttls|ssl|auto].");
        }

        var tls = System.Web.HttpUtility.ParseQueryString(uri.Query)["tls"]?.ToLowerInvariant();
        var security = (uri.Scheme, tls) switch
        {
            ("smtps", _) or (_, "ssl") => SecureSocketOptions.SslOnConnect,
            (_, "starttls") => SecureSocketOptions.StartTls,
            (_, "auto") => SecureSocketOptions.StartTlsWhenAvailable,
            (_, null or "none") => SecureSocketOptions.None,
            _ => throw new FormatException($"Unknown tls={tls} in the mail connection string; use none, starttls, ssl or auto."),
        };
        var port = uri.IsDefaultPort || uri.Port < 0 ? (security == SecureSocketOptions.SslOnConnect ? 465 : 25) : uri.Port;
        var credentials = uri.UserInfo.Split(':', 2);
        var userName = credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : null;
        var password = credentials is [_, var secret] ? Uri.UnescapeDataString(secret) : null;
        return new MailServerOptions(uri.Host, port, security, userName, password);
    }
}
