namespace Crm.EndToEnd.Tests.Infrastructure;

/// <summary>A pipeline as the sales API answers it: its id, ETag and stage ids by name.</summary>
public sealed record SalesPipeline(Guid Id, string? ETag, IReadOnlyDictionary<string, Guid> Stages);
