using Crm.Gateway.Options;

namespace Crm.Gateway.RateLimiting;

/// <summary>One counter a request is charged to: its Redis key and the rule that caps it.</summary>
public sealed record RateLimitPartition(string Key, RateLimitRule Rule);
