using Crm.BuildingBlocks.Messaging;
using Crm.BuildingBlocks.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.BuildingBlocks.Tests.Infrastructure;

/// <summary>
/// A service as the CRM's services are wired (AddServiceDbContext, AddMessaging, the migrate step), with its own
/// queue prefix so no other test's consumers share its queues.
/// </summary>
public sealed class MessagingTestHost : IAsyncDisposable
{
    private readonly IHost host;

    private MessagingTestHost(IHost host, string serviceName)
    {
        this.host = host;
        ServiceName = serviceName;
    }

    public string ServiceName { get; }

    public IServiceProvider Services => host.Services;

    public AttemptCounter Attempts => Services.GetRequiredService<AttemptCounter>();

    public DeliveryObserver Deliveries => Services.GetRequiredService<DeliveryObserver>();

    public IBus Bus => Services.GetRequiredService<IBus>();

    public static async Task<MessagingTestHost> StartAsync(
        Servers servers,
        TestDatabase database,
        Action<IBusRegistrationConfigurator> configureConsumers,
        Action<MessagingOptions>? configureOptions = null)
    {
        var serviceName = "bb" + string.Concat(Enumerable.Range(0, 10).Select(_ => (char)('a' + Random.Shared.Next(26))));

        using (var migrator = Build(servers, database, serviceName, configureConsumers, configureOptions))
        {
            (await migrator.RunMigrationsIfRequestedAsync<TestDbContext>(["migrate"])).ShouldBeTrue();
        }

        var host = Build(servers, database, serviceName, configureConsumers, configureOptions);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new MessagingTestHost(host, serviceName);
    }

    /// <summary>Runs <paramref name="action"/> on a fresh scope's DbContext, as one request or one consumer would.</summary>
    public async Task<T> WithDbAsync<T>(Func<TestDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }

    public Task WithDbAsync(Func<TestDbContext, Task> action) => WithDbAsync(async db =>
    {
        await action(db);
        return true;
    });

    /// <summary>Writes one event through the outbox, in a transaction of its own, and returns its row id.</summary>
    public Task<Guid> AddEventAsync(object integrationEvent, string orderingKey) => WithDbAsync(async db =>
    {
        var message = db.AddIntegrationEvent(integrationEvent, orderingKey);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return message.Id;
    });

    public Task<OutboxMessage> OutboxRowAsync(Guid id) =>
        WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(message => message.Id == id, TestContext.Current.CancellationToken));

    public Task<List<ReceivedMessage>> ReceivedAsync(string key) =>
        WithDbAsync(db => db.ReceivedMessages.AsNoTracking().Where(message => message.Key == key).OrderBy(message => message.Id).ToListAsync());

    public string QueueName<TConsumer>()
        where TConsumer : class, IConsumer =>
        new KebabCaseEndpointNameFormatter(ServiceName, false).Consumer<TConsumer>();

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync(CancellationToken.None);
        host.Dispose();
    }

    private static IHost Build(
        Servers servers,
        TestDatabase database,
        string serviceName,
        Action<IBusRegistrationConfigurator> configureConsumers,
        Action<MessagingOptions>? configureOptions)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:testdb"] = database.ConnectionString,
            ["ConnectionStrings:messaging"] = servers.MessagingConnectionString,
        });
        builder.Logging.AddProvider(new TestOutputLoggerProvider(TestContext.Current.TestOutputHelper!));
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("MassTransit", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        builder.AddServiceDbContext<TestDbContext>("testdb");
        builder.AddMessaging<TestDbContext>(serviceName, configureConsumers);

        builder.Services.AddSingleton<AttemptCounter>();
        builder.Services.AddSingleton<DeliveryObserver>();
        builder.Services.AddReceiveObserver(provider => provider.GetRequiredService<DeliveryObserver>());
        builder.Services.Configure<MessagingOptions>(options =>
        {
            // Short enough that a test never waits long for a retry.
            options.ConsumerRetryIntervals = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50)];
            options.PollInterval = TimeSpan.FromMilliseconds(500);
            options.MaxRetryDelay = TimeSpan.FromSeconds(1);
            options.PublishTimeout = TimeSpan.FromSeconds(3);
            configureOptions?.Invoke(options);
        });
        // Queues must be bound before a test publishes, or RabbitMQ drops the event for want of a subscriber.
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(30);
            options.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return builder.Build();
    }
}
