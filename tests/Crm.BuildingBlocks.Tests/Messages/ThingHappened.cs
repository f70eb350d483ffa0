namespace Crm.BuildingBlocks.Tests.Messages;

/// <summary>The everyday test event; <paramref name="Key"/> is unique per test, so tests running side by side never count each other's events.</summary>
public sealed record ThingHappened(string Key, int Number);
