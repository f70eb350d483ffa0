using System.Diagnostics;
using System.Text.Json;

namespace Crm.BuildingBlocks.Messaging;

/// <summary>
/// W3C trace context stored with an outbox row, so the publish that happens later on a background thread joins the
/// trace of the request that caused the event.
/// </summary>
internal static class TraceHeaders
{
    private const string TraceParent = "traceparent";
    private const string TraceState = "tracestate";

    public static string Capture(Activity? activity)
    {
        var headers = new Dictionary<string, string>();
        if (activity is { IdFormat: ActivityIdFormat.W3C, Id: { } traceParent })
        {
            headers[TraceParent] = traceParent;
            if (activity.TraceStateString is { } traceState)
            {
                headers[TraceState] = traceState;
            }
        }

        return JsonSerializer.Serialize(headers);
    }

    public static ActivityContext Restore(string headersJson)
    {
        var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(headersJson) ?? [];
        return headers.TryGetValue(TraceParent, out var traceParent)
               && ActivityContext.TryParse(traceParent, headers.GetValueOrDefault(TraceState), isRemote: true, out var context)
            ? context
            : default;
    }
}
