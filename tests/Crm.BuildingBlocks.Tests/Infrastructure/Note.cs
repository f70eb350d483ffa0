namespace Crm.BuildingBlocks.Tests.Infrastructure;

/// <summary>The business data a test changes in the same transaction as the event it announces.</summary>
public class Note
{
    public Guid Id { get; set; }
    public required string Text { get; set; }
}
