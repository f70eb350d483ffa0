namespace Crm.EndToEnd.Tests.Infrastructure;

/// <summary>One span as an OpenTelemetry exporter sent it: which service, which library, which trace.</summary>
public sealed record ExportedSpan(string ServiceName, string ScopeName, string Name, string TraceId);
