namespace Crm.Hosting;

public static class SmtpCatcherBuilderExtensions
{
    /// <summary>An SMTP server that keeps every message instead of delivering it; connection string <c>smtp://127.0.0.1:port</c>.</summary>
    public static IResourceBuilder<SmtpCatcherResource> AddSmtpCatcher(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new SmtpCatcherResource(name, builder.Context));
}
