using System.Net;

namespace Crm.Gateway.Tests.Infrastructure;

/// <summary>A body sent chunked, without Content-Length, as a streaming client would send it.</summary>
public sealed class UnknownLengthContent(int bytes) : HttpContent
{
    // One write, so the whole body is on its way before the gateway refuses it and closes the connection; a client
    // still sending then would see the connection reset rather than the 413.
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(new byte[bytes]).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
