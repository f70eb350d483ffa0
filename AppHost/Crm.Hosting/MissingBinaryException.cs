namespace Crm.Hosting;

/// <summary>A server the AppHost needs is not installed; the message is one line telling how to install it.</summary>
public sealed class MissingBinaryException(string message) : HostingException(message);
