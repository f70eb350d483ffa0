using Crm.Gateway.Routing;
using Crm.Gateway.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(FakeBackends))]

namespace Crm.Gateway.Tests.Infrastructure;

/// <summary>One fake backend per service the gateway knows, so a test can tell which one a request reached.</summary>
public sealed class FakeBackends : IAsyncLifetime
{
    private readonly Dictionary<string, FakeBackend> backends = [];

    public string AddressOf(string service) => backends[service].Address;

    public async ValueTask InitializeAsync()
    {
        foreach (var name in BackendServices.Names)
        {
            backends[name] = await FakeBackend.StartAsync(name, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in backends.Values)
        {
            await backend.DisposeAsync();
        }
    }
}
