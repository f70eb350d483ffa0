using System.Net;
using Crm.Gateway.Routing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway in this process on real Kestrel (so its headers and body limits are Kestrel's), with the fake
/// backends as services, the shared Redis under a key prefix of its own, and test authentication.
/// </summary>
public sealed class GatewayHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    private GatewayHost(Dictionary<string, string?> settings, bool https)
    {
        this.settings = settings;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (https)
            {
                listen.UseHttps(TestCertificate.Create());
            }
        }));
    }

    public Uri Address { get; private set; } = null!;

    public CapturedLogs Logs { get; } = new();

    /// <param name="settings">Overrides of the defaults below, keys as in appsettings.json (<c>Gateway:Limits:...</c>).</param>
    /// <param name="https">Listen over TLS with a throwaway certificate instead of plain HTTP.</param>
    public static GatewayHost Start(
        RedisServer redis, FakeBackends backends, IReadOnlyDictionary<string, string?>? settings = null, bool https = false)
    {
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:cache"] = redis.ConnectionString,
            ["Gateway:RateLimits:KeyPrefix"] = $"gateway-tests:{Guid.NewGuid():N}",
            // A Redis slowed down by a busy CI machine must not let requests through unlimited in tests that count.
            ["Gateway:RateLimits:RedisTimeoutMilliseconds"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
            // The gateway reads tokens to count requests per user; the tests sign callers in with their own scheme.
            ["Identity:Issuer"] = "http://identity.test/",
        };
        foreach (var name in BackendServices.Names)
        {
            all[$"services:{name}:http:0"] = backends.AddressOf(name);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = new GatewayHost(all, https);
        host.StartServer();
        host.Address = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return host;
    }

    public HttpClient Client() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        // The test certificate is made up on the spot; nothing can vouch for it.
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    {
        BaseAddress = Address,
        Timeout = TimeSpan.FromSeconds(60),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services => services
            .AddAuthentication(TestAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestAuthenticationHandler>(TestAuthenticationHandler.SchemeName, _ => { }));
    }
}
