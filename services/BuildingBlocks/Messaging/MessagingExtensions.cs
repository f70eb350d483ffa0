using Crm.ServiceDefaults.WarmUp;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Crm.BuildingBlocks.Messaging;

public static class MessagingExtensions
{
    /// <summary>The RabbitMQ connection string (<c>amqp://user:password@host:port/</c>) is read from <c>ConnectionStrings:messaging</c>.</summary>
    public const string ConnectionName = "messaging";

    /// <summary>
    /// MassTransit on RabbitMQ with this building block's outbox and inbox: events added with
    /// <see cref="MessagingDbContext.AddIntegrationEvent{TEvent}"/> are relayed by a background dispatcher, and every
    /// consumer endpoint gets retries, the idempotent inbox and an <c>_error</c> queue.
    /// </summary>
    /// <param name="serviceName">Prefix of the queue names, so two services consuming the same event get a queue each.</param>
    /// <param name="configureBus">Registers the consumers (plain <see cref="IConsumer{TMessage}"/> classes).</param>
    public static IHostApplicationBuilder AddMessaging<TDbContext>(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator> configureBus)
        where TDbContext : MessagingDbContext
    {
        var services = builder.Services;
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<OutboxSignal<TDbContext>>();
        services.AddSingleton<OutboxCommitInterceptor<TDbContext>>();
        services.ConfigureDbContext<TDbContext>((provider, options) =>
            options.AddInterceptors(provider.GetRequiredService<OutboxCommitInterceptor<TDbContext>>()));
        // The inbox filter is generic over the message only; this hands it the service's DbContext of the same scope.
        services.AddScoped<MessagingDbContext>(provider => provider.GetRequiredService<TDbContext>());
        services.TryAddSingleton<WarmUpProbes>();
        services.AddWarmUpStep<MessagingWarmUp<TDbContext>>();

        services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                // Retry outside the inbox: every attempt gets a fresh transaction. Once retries are spent MassTransit
                // moves the message to <queue>_error and the queue keeps flowing.
                var retryIntervals = context.GetRequiredService<IOptions<MessagingOptions>>().Value.ConsumerRetryIntervals;
                endpoint.UseMessageRetry(retry => retry.Intervals(retryIntervals));
                endpoint.UseConsumeFilter(typeof(InboxFilter<>), context);
            });
            configureBus(bus);
            bus.AddConsumer<MessagingWarmUpConsumer>().Endpoint(endpoint =>
            {
                // A queue of this process's own, deleted when it stops: each process has to receive the probes it sent.
                endpoint.Temporary = true;
                endpoint.InstanceId = Guid.NewGuid().ToString("N");
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var connectionString = context.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionName)
                    ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not configured.");
                // On by default; stated because the outbox relies on Publish completing only once the broker has the message.
                rabbit.Host(new Uri(connectionString), host => host.PublisherConfirmation = true);
                rabbit.ConfigureEndpoints(context);
            });
        });

        // Registered after MassTransit so the bus is starting by the time the first publish is attempted.
        services.TryAddSingleton<MessageTypeResolver>();
        services.TryAddSingleton<OutboxMessagePublisher>();
        services.AddHostedService<OutboxDispatcher<TDbContext>>();
        return builder;
    }
}
