namespace Crm.BuildingBlocks.Tests.Messages;

/// <summary>Its consumer always throws.</summary>
public sealed record PoisonPill(string Key);
