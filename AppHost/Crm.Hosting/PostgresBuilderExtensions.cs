namespace Crm.Hosting;

public static class PostgresBuilderExtensions
{
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new PostgresServerResource(name, builder.Context));

    /// <summary>A server setting, e.g. <c>shared_buffers</c> sized for a large data set.</summary>
    public static IResourceBuilder<PostgresServerResource> WithSetting(this IResourceBuilder<PostgresServerResource> builder, string name, string value)
    {
        builder.Resource.Settings[name] = value;
        return builder;
    }

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null) =>
        builder.ApplicationBuilder.AddResource(
            new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource, builder.ApplicationBuilder.Context));
}
