namespace Crm.BuildingBlocks.Tests.Messages;

public sealed record ThingForwarded(string Key);
