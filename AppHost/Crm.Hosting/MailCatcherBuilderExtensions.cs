namespace Crm.Hosting;

public static class MailCatcherBuilderExtensions
{
    /// <summary>
    /// An SMTP server that keeps every message in a Maildir instead of delivering it; connection string
    /// <c>smtp://127.0.0.1:port</c>. <c>ConnectionStrings:&lt;name&gt;</c> in configuration names a real server instead.
    /// </summary>
    public static IResourceBuilder<MailCatcherResource> AddMailCatcher(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new MailCatcherResource(name, builder.Context));
}
