using Crm.Hosting.Tests.Infrastructure;

namespace Crm.Hosting.Tests;

public sealed class MissingBinaryTests : IDisposable
{
    private const string Nowhere = "/nonexistent/crm-hosting-tests";

    private readonly TestStateDirectory state = new();
    private readonly LogBuffer log = new();

    [Fact]
    public async Task Missing_postgres_names_the_package_to_install()
    {
        var failure = await StartAsync(options => options.Binaries.PostgresRoot = Nowhere, builder => builder.AddPostgres("postgres"));

        failure.Message.ShouldBe($"PostgreSQL is not installed: run 'apt-get install -y postgresql' (looked for {Nowhere}/<version>/bin/postgres)");
    }

    [Fact]
    public async Task Missing_rabbitmq_names_the_package_to_install()
    {
        var failure = await StartAsync(options => options.Binaries.RabbitMQBinDirectory = Nowhere, builder => builder.AddRabbitMQ("messaging"));

        failure.Message.ShouldBe($"RabbitMQ is not installed: run 'apt-get install -y rabbitmq-server' (looked for {Nowhere}/rabbitmq-server)");
    }

    [Fact]
    public async Task Missing_redis_names_the_package_to_install()
    {
        var failure = await StartAsync(options => options.Binaries.RedisServerPath = $"{Nowhere}/redis-server", builder => builder.AddRedis("cache"));

        failure.Message.ShouldBe($"Redis is not installed: run 'apt-get install -y redis-server' (looked for {Nowhere}/redis-server)");
    }

    public void Dispose() => state.Dispose();

    private async Task<MissingBinaryException> StartAsync(Action<DistributedApplicationOptions> configure, Action<DistributedApplicationBuilder> addServer)
    {
        var builder = TestApplication.CreateBuilder(state, log, configure);
        addServer(builder);
        await using var app = builder.Build();
        return await Should.ThrowAsync<MissingBinaryException>(() => app.StartAsync(TestContext.Current.CancellationToken));
    }
}
