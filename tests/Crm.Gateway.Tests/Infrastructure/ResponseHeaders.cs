namespace Crm.Gateway.Tests.Infrastructure;

public static class ResponseHeaders
{
    /// <summary>A header's values joined as they were sent, from the response or its content; null when absent.</summary>
    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
