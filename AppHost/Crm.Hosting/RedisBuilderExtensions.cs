namespace Crm.Hosting;

public static class RedisBuilderExtensions
{
    public static IResourceBuilder<RedisResource> AddRedis(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RedisResource(name, builder.Context));
}
