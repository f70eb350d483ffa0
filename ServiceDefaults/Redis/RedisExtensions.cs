using Crm.ServiceDefaults.Health;
using Crm.ServiceDefaults.Idempotency;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Crm.ServiceDefaults.Redis;

public static class RedisExtensions
{
    /// <summary>The Aspire resource name of the Redis server, i.e. <c>ConnectionStrings__cache</c>.</summary>
    public const string ConnectionName = "cache";

    /// <summary>
    /// Redis backs what must hold across replicas: idempotent POSTs, locks for scheduled work and the
    /// second level of HybridCache. A process given no Redis runs without those features.
    /// </summary>
    public static IHostApplicationBuilder AddRedisWhenConfigured(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return builder;
        }

        var options = ConfigurationOptions.Parse(connectionString);
        // Start even while Redis is still coming up; the multiplexer reconnects by itself.
        options.AbortOnConnectFail = false;
        var multiplexer = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));

        builder.Services.AddSingleton(_ => multiplexer.Value);
        builder.Services.AddSingleton<IDistributedLock, RedisDistributedLock>();
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthTags.Ready]);

        builder.Services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<RedisCacheOptions>>(services =>
            new Microsoft.Extensions.Options.ConfigureOptions<RedisCacheOptions>(cache =>
            {
                cache.ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>());
                cache.InstanceName = $"{builder.Environment.ApplicationName}:";
            }));
        builder.Services.AddStackExchangeRedisCache(_ => { });
        builder.Services.AddHybridCache();
        return builder;
    }
}
