namespace Crm.ServiceDefaults.Idempotency;

/// <summary>What a first request produced, kept so a retry with the same key gets the same answer.</summary>
public sealed record IdempotentResponse(
    string Fingerprint,
    bool Completed,
    int StatusCode = 0,
    string? ContentType = null,
    Dictionary<string, string>? Headers = null,
    byte[]? Body = null);
