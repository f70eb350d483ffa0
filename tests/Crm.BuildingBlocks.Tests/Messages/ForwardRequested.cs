namespace Crm.BuildingBlocks.Tests.Messages;

/// <summary>Its consumer answers with <see cref="ThingForwarded"/> through the outbox, failing once first when asked to.</summary>
public sealed record ForwardRequested(string Key, bool FailFirstAttempt);
