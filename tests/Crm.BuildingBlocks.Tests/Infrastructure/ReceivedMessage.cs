namespace Crm.BuildingBlocks.Tests.Infrastructure;

/// <summary>The effect a test consumer leaves behind; <see cref="Id"/> gives the order in which effects were applied.</summary>
public class ReceivedMessage
{
    public long Id { get; set; }
    public Guid MessageId { get; set; }
    public required string Consumer { get; set; }
    public required string Key { get; set; }
    public int Number { get; set; }
    public string? TraceId { get; set; }
}
