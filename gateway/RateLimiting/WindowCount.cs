namespace Crm.Gateway.RateLimiting;

/// <summary>Requests counted so far in a partition's current window, and how long that window still runs.</summary>
public readonly record struct WindowCount(long Count, TimeSpan Remaining);
