using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Crm.AppHost;
using Microsoft.AspNetCore.WebUtilities;

namespace Crm.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Signs a person in the way the web client does, through the gateway: authorization code with PKCE, the sign-in
/// page with its antiforgery token, and the code exchanged for tokens.
/// </summary>
public sealed partial class OidcSignIn(Uri gateway)
{
    public const string ClientId = "crm-web";
    public const string Scopes = "openid profile offline_access crm";

    public Uri RedirectUri { get; } = new(gateway, CrmTopology.DocsRedirectPath);

    public async Task<TokenSet> SignInAsync(string email, string password)
    {
        using var browser = NewBrowser();
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri.ToString(),
            ["scope"] = Scopes,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = Guid.NewGuid().ToString("N"),
        });

        using var toLogin = await browser.GetAsync(authorize, Token);
        toLogin.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the authorization endpoint sends a new browser to the sign-in page");
        using var signedIn = await PostLoginAsync(browser, toLogin.Headers.Location!, email, password);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync(Token));

        using var toClient = await browser.GetAsync(signedIn.Headers.Location, Token);
        toClient.StatusCode.ShouldBe(HttpStatusCode.Redirect, await toClient.Content.ReadAsStringAsync(Token));
        var code = QueryHelpers.ParseQuery(toClient.Headers.Location!.Query)["code"].ToString();
        code.ShouldNotBeNullOrEmpty($"no code in {toClient.Headers.Location}");

        return await TokenRequestAsync(browser, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri.ToString(),
            ["client_id"] = ClientId,
            ["code_verifier"] = verifier,
        });
    }

    /// <summary>One attempt at the sign-in page; the response tells whether it worked (302), failed (400) or is locked (403).</summary>
    public async Task<(HttpStatusCode Status, string Body)> TryPasswordAsync(string email, string password)
    {
        using var browser = NewBrowser();
        using var response = await PostLoginAsync(browser, new Uri("/account/login?ReturnUrl=%2F", UriKind.Relative), email, password);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Token));
    }

    public async Task<TokenSet> RefreshAsync(string refreshToken)
    {
        using var client = NewBrowser();
        return await TokenRequestAsync(client, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = ClientId,
        });
    }

    public async Task<HttpResponseMessage> RequestTokenAsync(Dictionary<string, string> form)
    {
        using var client = NewBrowser();
        return await client.PostAsync("/connect/token", new FormUrlEncodedContent(form), Token);
    }

    private async Task<TokenSet> TokenRequestAsync(HttpClient client, Dictionary<string, string> form)
    {
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form), Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        var tokens = (await response.Content.ReadFromJsonAsync<TokenResponse>(Token))!;
        return new TokenSet(tokens.AccessToken, tokens.RefreshToken, DateTimeOffset.UtcNow.AddSeconds(tokens.ExpiresIn));
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, Uri loginPage, string email, string password)
    {
        using var page = await browser.GetAsync(loginPage, Token);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync(Token);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value),
            ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrlField().Match(html).Groups[1].Value),
            ["email"] = email,
            ["password"] = password,
        };
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(form), Token);
    }

    private HttpClient NewBrowser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(30),
        };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
