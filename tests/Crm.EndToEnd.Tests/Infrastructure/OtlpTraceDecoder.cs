namespace Crm.EndToEnd.Tests.Infrastructure;

/// <summary>Decodes an OTLP <c>ExportTraceServiceRequest</c> (opentelemetry/proto/collector/trace/v1).</summary>
public static class OtlpTraceDecoder
{
    public static List<ExportedSpan> Decode(ReadOnlySpan<byte> request)
    {
        var spans = new List<ExportedSpan>();
        var reader = new ProtobufReader(request);
        while (reader.TryReadField(out var field, out var wireType))
        {
            if (field == 1 && wireType == 2)
            {
                ReadResourceSpans(reader.ReadBytes(), spans);
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return spans;
    }

    private static void ReadResourceSpans(ReadOnlySpan<byte> resourceSpans, List<ExportedSpan> spans)
    {
        var serviceName = "";
        var scopeSpansList = new List<byte[]>();
        var reader = new ProtobufReader(resourceSpans);
        while (reader.TryReadField(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, 2): serviceName = ReadServiceName(reader.ReadBytes()); break;
                case (2, 2): scopeSpansList.Add(reader.ReadBytes().ToArray()); break;
                default: reader.Skip(wireType); break;
            }
        }

        foreach (var scopeSpans in scopeSpansList)
        {
            ReadScopeSpans(scopeSpans, serviceName, spans);
        }
    }

    private static string ReadServiceName(ReadOnlySpan<byte> resource)
    {
        var reader = new ProtobufReader(resource);
        while (reader.TryReadField(out var field, out var wireType))
        {
            if (field != 1 || wireType != 2)
            {
                reader.Skip(wireType);
                continue;
            }

            var (key, value) = ReadKeyValue(reader.ReadBytes());
            if (key == "service.name")
            {
                return value;
            }
        }

        return "";
    }

    private static (string Key, string Value) ReadKeyValue(ReadOnlySpan<byte> keyValue)
    {
        string key = "", value = "";
        var reader = new ProtobufReader(keyValue);
        while (reader.TryReadField(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, 2): key = reader.ReadString(); break;
                case (2, 2): value = ReadStringValue(reader.ReadBytes()); break;
                default: reader.Skip(wireType); break;
            }
        }

        return (key, value);
    }

    private static string ReadStringValue(ReadOnlySpan<byte> anyValue)
    {
        var reader = new ProtobufReader(anyValue);
        while (reader.TryReadField(out var field, out var wireType))
        {
            if (field == 1 && wireType == 2)
            {
                return reader.ReadString();
            }

            reader.Skip(wireType);
        }

        return "";
    }

    private static void ReadScopeSpans(ReadOnlySpan<byte> scopeSpans, string serviceName, List<ExportedSpan> spans)
    {
        var scopeName = "";
        var reader = new ProtobufReader(scopeSpans);
        while (reader.TryReadField(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, 2): scopeName = ReadScopeName(reader.ReadBytes()); break;
                case (2, 2): spans.Add(ReadSpan(reader.ReadBytes(), serviceName, scopeName)); break;
                default: reader.Skip(wireType); break;
            }
        }
    }

    private static string ReadScopeName(ReadOnlySpan<byte> scope)
    {
        var reader = new ProtobufReader(scope);
        while (reader.TryReadField(out var field, out var wireType))
        {
            if (field == 1 && wireType == 2)
            {
                return reader.ReadString();
            }

            reader.Skip(wireType);
        }

        return "";
    }

    private static ExportedSpan ReadSpan(ReadOnlySpan<byte> span, string serviceName, string scopeName)
    {
        string traceId = "", name = "";
        var reader = new ProtobufReader(span);
        while (reader.TryReadField(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, 2): traceId = Convert.ToHexStringLower(reader.ReadBytes()); break;
                case (5, 2): name = reader.ReadString(); break;
                default: reader.Skip(wireType); break;
            }
        }

        return new ExportedSpan(serviceName, scopeName, name, traceId);
    }
}
