namespace Crm.BuildingBlocks.Tests;

/// <summary>Tests that take the shared broker down run after the parallel ones, with nothing beside them.</summary>
[CollectionDefinition(nameof(BrokerOutageCollection), DisableParallelization = true)]
public sealed class BrokerOutageCollection;
