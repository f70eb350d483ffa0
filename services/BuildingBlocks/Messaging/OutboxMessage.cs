using System.Diagnostics;
using System.Text.Json;

namespace Crm.BuildingBlocks.Messaging;

/// <summary>
/// An integration event written in the same transaction as the change it announces, waiting to be relayed to the
/// broker by <see cref="OutboxDispatcher{TDbContext}"/>.
/// </summary>
public class OutboxMessage
{
    /// <summary>Becomes the MassTransit MessageId, so a re-publish is recognised by the consumers' inbox.</summary>
    public Guid Id { get; set; }

    /// <summary>Assigned by the database; the dispatcher publishes strictly in this order.</summary>
    public long Sequence { get; set; }

    /// <summary>Usually the aggregate id; writers of the same key are serialised so sequence order is commit order.</summary>
    public string? OrderingKey { get; set; }

    /// <summary>Full CLR name of the contract, e.g. <c>Crm.Contracts.Customers.CustomerRegistered</c>.</summary>
    public required string MessageType { get; set; }

    public required string Payload { get; set; }

    /// <summary>JSON object of the trace context (<c>traceparent</c>, <c>tracestate</c>) active when the event was added.</summary>
    public required string Headers { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>Publish attempts so far, the successful one included.</summary>
    public int Attempts { get; set; }

    /// <summary>Why the latest attempt failed; cleared once the row is dispatched.</summary>
    public string? LastError { get; set; }

    /// <summary>The row for an event; stored by <see cref="MessagingDbContext.AddIntegrationEvent{TEvent}"/> or set-wise by <see cref="SetWiseOutbox"/>.</summary>
    public static OutboxMessage Create(object integrationEvent, string? orderingKey)
    {
        var type = integrationEvent.GetType();
        if (type.Namespace is null || type.FullName is null || type.IsGenericType)
        {
            // MassTransit routes by namespace and type name, and the dispatcher finds the type again by its full name.
            throw new ArgumentException($"{type} cannot be an integration event: it needs a namespace and no generic arguments.", nameof(integrationEvent));
        }

        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            OrderingKey = orderingKey,
            MessageType = type.FullName,
            Payload = JsonSerializer.Serialize(integrationEvent, type, JsonSerializerOptions.Web),
            Headers = TraceHeaders.Capture(Activity.Current),
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }
}
