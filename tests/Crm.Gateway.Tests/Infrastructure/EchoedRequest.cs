namespace Crm.Gateway.Tests.Infrastructure;

/// <summary>What a fake backend saw of a request the gateway forwarded to it.</summary>
public sealed record EchoedRequest(
    string Backend,
    string Method,
    string Path,
    string Query,
    long BodyBytes,
    string? ForwardedFor,
    string? ForwardedProto,
    string? ForwardedHost);
