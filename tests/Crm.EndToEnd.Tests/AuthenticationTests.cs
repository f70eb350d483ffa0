using System.Net;
using System.Net.Http.Headers;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests;

/// <summary>OWASP API2 (broken authentication): every route of every service wants a valid token, checked by the service itself.</summary>
public sealed class AuthenticationTests(CrmSystemFixture system)
{
    public static TheoryData<string> ProtectedPaths => new()
    {
        $"/api/customers/{Guid.NewGuid()}",
        $"/api/sales/customers/{Guid.NewGuid()}",
        $"/api/marketing/customers/{Guid.NewGuid()}",
        $"/api/support/customers/{Guid.NewGuid()}",
        "/api/identity/users",
        "/api/identity/me",
    };

    public static TheoryData<string, string> ForgeriesByPath()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in ProtectedPaths)
        {
            foreach (var forgery in new[] { "expired", "another key", "alg none", "another audience", "another issuer" })
            {
                data.Add(forgery, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProtectedPaths))]
    public async Task A_request_without_a_token_is_a_401_problem(string path)
    {
        using var response = await system.Anonymous.GetAsync(path, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        await Problems.ShouldBeCleanProblemAsync(response, 401);
    }

    [Theory]
    [MemberData(nameof(ForgeriesByPath))]
    public async Task A_forged_token_is_a_401(string forgery, string path)
    {
        var tokens = await system.ForgedTokensAsync();
        var subject = Guid.NewGuid();
        var token = forgery switch
        {
            "expired" => tokens.Expired(subject),
            "another key" => tokens.SignedByAnotherKey(subject),
            "alg none" => tokens.Unsigned(subject),
            "another audience" => tokens.ForAudience(subject, "some-other-api"),
            "another issuer" => tokens.ForIssuer(subject, "https://evil.example/"),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        using var response = await GetWithTokenAsync(path, token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, forgery);
        await Problems.ShouldBeCleanProblemAsync(response, 401);
    }

    [Theory]
    [MemberData(nameof(ProtectedPaths))]
    public async Task The_same_token_made_properly_is_accepted(string path)
    {
        // The control for the forgeries: with the real key, audience and issuer, the service lets the caller in.
        var tokens = await system.ForgedTokensAsync();

        using var response = await GetWithTokenAsync(path, tokens.Valid(Guid.NewGuid()));

        response.StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized);
        response.StatusCode.ShouldNotBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("customers", "/api/customers/{0}")]
    [InlineData("sales", "/api/sales/customers/{0}")]
    [InlineData("marketing", "/api/marketing/customers/{0}")]
    [InlineData("support", "/api/support/customers/{0}")]
    public async Task A_service_called_directly_still_wants_a_token(string service, string pathFormat)
    {
        using var direct = new HttpClient { BaseAddress = system.App.GetEndpoint(service) };

        using var response = await direct.GetAsync(string.Format(pathFormat, Guid.NewGuid()), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_signed_in_user_gets_a_short_lived_token_naming_their_roles_and_can_refresh_it()
    {
        var user = await system.CreateUserAsync([CrmRoles.SalesRep]);

        var tokens = await system.SignIn.SignInAsync(user.Email, user.Password);
        var refreshed = await system.SignIn.RefreshAsync(tokens.RefreshToken!);

        var claims = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(refreshed.AccessToken);
        claims.GetClaim(CrmClaimTypes.Subject).Value.ShouldBe(user.Id.ToString());
        claims.GetClaim(CrmClaimTypes.Role).Value.ShouldBe(CrmRoles.SalesRep);
        claims.Issuer.ShouldBe(system.Issuer);
        claims.Audiences.ShouldBe([CrmAudiences.Api]);
        (claims.ValidTo - claims.IssuedAt).ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(15));
        using var me = await GetWithTokenAsync("/api/identity/me", refreshed.AccessToken);
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_deactivated_user_cannot_refresh_their_token()
    {
        var user = await system.CreateUserAsync([CrmRoles.SupportAgent]);
        var tokens = await system.SignIn.SignInAsync(user.Email, user.Password);

        using var deactivated = await system.Gateway.PostAsync($"/api/identity/users/{user.Id}/deactivate", null, TestContext.Current.CancellationToken);
        deactivated.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var refresh = await system.SignIn.RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens.RefreshToken!,
            ["client_id"] = OidcSignIn.ClientId,
        });

        refresh.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refresh.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("invalid_grant");
    }

    private async Task<HttpResponseMessage> GetWithTokenAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await system.Anonymous.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
