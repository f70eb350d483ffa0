namespace Crm.ServiceDefaults.Authentication;

/// <summary>
/// Fetches the issuer's discovery document and signing keys from the identity service's internal address: the
/// issuer is the public URL behind the gateway, which a service inside the cluster need not be able to reach.
/// </summary>
internal sealed class IdentityBackchannelHandler(Uri publicIssuer, Uri internalAddress) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && Uri.Compare(uri, publicIssuer, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = internalAddress.Scheme, Host = internalAddress.Host, Port = internalAddress.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
