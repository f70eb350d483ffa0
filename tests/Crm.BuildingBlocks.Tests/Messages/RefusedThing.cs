namespace Crm.BuildingBlocks.Tests.Messages;

/// <summary>Only the publisher-confirm test publishes it, so the refusing queue it binds meets no other test.</summary>
public sealed record RefusedThing(string Key);
