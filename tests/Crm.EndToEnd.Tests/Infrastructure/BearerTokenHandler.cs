using System.Net.Http.Headers;

namespace Crm.EndToEnd.Tests.Infrastructure;

/// <summary>Adds the signed-in user's access token to every request, refreshing it shortly before it expires.</summary>
public sealed class BearerTokenHandler(OidcSignIn signIn, TokenSet tokens) : DelegatingHandler(new HttpClientHandler())
{
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private TokenSet current = tokens;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await CurrentAsync()).AccessToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<TokenSet> CurrentAsync()
    {
        await refreshing.WaitAsync();
        try
        {
            if (current.ExpiresAt - DateTimeOffset.UtcNow < TimeSpan.FromMinutes(1) && current.RefreshToken is { } refreshToken)
            {
                current = await signIn.RefreshAsync(refreshToken);
            }

            return current;
        }
        finally
        {
            refreshing.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            refreshing.Dispose();
        }

        base.Dispose(disposing);
    }
}
