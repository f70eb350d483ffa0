using Crm.ServiceDefaults.WarmUp;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Crm.ServiceDefaults.Authentication;

/// <summary>
/// Fetches the identity service's discovery document and signing keys before the first request needs them; the
/// bearer handler shares the same cached configuration.
/// </summary>
internal sealed class SigningKeysWarmUp(IOptionsMonitor<JwtBearerOptions> options) : IWarmUpStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager is { } configuration)
        {
            await configuration.GetConfigurationAsync(cancellationToken);
        }
    }
}
