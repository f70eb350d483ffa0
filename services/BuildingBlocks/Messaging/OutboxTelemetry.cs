using System.Diagnostics;

namespace Crm.BuildingBlocks.Messaging;

internal static class OutboxTelemetry
{
    /// <summary>Exported by ServiceDefaults' tracing setup.</summary>
    public const string ActivitySourceName = "Crm.Outbox";

    public static readonly ActivitySource Source = new(ActivitySourceName);
}
