using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.BuildingBlocks.Mail;

public static class MailExtensions
{
    /// <summary>The SMTP server is named by <c>ConnectionStrings:mail</c>; the AppHost points it at its mail catcher.</summary>
    public const string ConnectionName = "mail";

    /// <summary>Registers <see cref="IMailSender"/> (MailKit over SMTP) for the server in <c>ConnectionStrings:mail</c>.</summary>
    public static IHostApplicationBuilder AddMailSender(this IHostApplicationBuilder builder, string connectionName = ConnectionName)
    {
        builder.Services.AddSingleton(provider =>
            MailServerOptions.Parse(provider.GetRequiredService<IConfiguration>().GetConnectionString(connectionName)
                ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured; the AppHost sets it to its mail catcher.")));
        builder.Services.AddSingleton<IMailSender, SmtpMailSender>();
        return builder;
    }
}
