namespace Crm.BuildingBlocks.Messaging;

/// <summary>Remembers that a consumer endpoint has applied a message, so redeliveries are skipped.</summary>
public class InboxMessage
{
    public Guid MessageId { get; set; }

    /// <summary>The receive endpoint (queue) name: two services consuming the same message each apply it once.</summary>
    public required string Consumer { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
