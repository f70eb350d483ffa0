using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Crm.BuildingBlocks.Messaging;

/// <summary>Publishes one outbox row and returns only once the broker has confirmed it.</summary>
internal sealed class OutboxMessagePublisher(IBus bus, MessageTypeResolver messageTypes, IOptions<MessagingOptions> options)
{
    public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var messageType = messageTypes.Resolve(message.MessageType);
        var integrationEvent = JsonSerializer.Deserialize(message.Payload, messageType, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has an empty payload.");

        // Parented on the request that wrote the row: MassTransit's send span, and through its headers the consumers'
        // spans, then share that request's trace id.
        using var activity = OutboxTelemetry.Source.StartActivity(
            $"{messageType.Name} outbox dispatch", ActivityKind.Internal, TraceHeaders.Restore(message.Headers));
        activity?.SetTag("messaging.message.id", message.Id);
        activity?.SetTag("crm.outbox.sequence", message.Sequence);
        activity?.SetTag("crm.outbox.attempt", message.Attempts + 1);

        var timeout = options.Value.PublishTimeout;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            // RabbitMQ publisher confirms are on (see MessagingExtensions): Publish completes when the broker has the message.
            await bus.Publish(integrationEvent, messageType, context => context.MessageId = message.Id, attempt.Token);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.AddException(exception);
            activity?.SetStatus(ActivityStatusCode.Error);
            if (exception is OperationCanceledException)
            {
                throw new TimeoutException($"The broker did not confirm the publish within {timeout}.", exception);
            }

            throw;
        }
    }
}
