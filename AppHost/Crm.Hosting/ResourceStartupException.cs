namespace Crm.Hosting;

public sealed class ResourceStartupException(string resourceName, string message)
    : HostingException($"Resource '{resourceName}' failed to start: {message}")
{
    public string ResourceName => resourceName;
}
