namespace Crm.Hosting;

public static class PostgresBuilderExtensions
{
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new PostgresServerResource(name, builder.Context));

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null) =>
        builder.ApplicationBuilder.AddResource(
            new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource, builder.ApplicationBuilder.Context));
}
