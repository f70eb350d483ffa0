using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests;

/// <summary>OWASP API5 (broken function-level authorisation): each role reaches only what it works with.</summary>
public sealed class AuthorizationTests(CrmSystemFixture system)
{
    [Theory]
    [InlineData(CrmRoles.Marketer, "/api/sales/customers/{0}")]
    [InlineData(CrmRoles.Marketer, "/api/support/customers/{0}")]
    [InlineData(CrmRoles.SalesRep, "/api/marketing/customers/{0}")]
    [InlineData(CrmRoles.SalesRep, "/api/support/customers/{0}")]
    [InlineData(CrmRoles.SupportAgent, "/api/sales/customers/{0}")]
    [InlineData(CrmRoles.SupportAgent, "/api/identity/users")]
    [InlineData(CrmRoles.SalesManager, "/api/identity/audit")]
    public async Task A_role_outside_an_area_gets_a_403_problem(string role, string pathFormat)
    {
        using var client = await system.SignedInAsync(await system.CreateUserAsync([role]));

        using var response = await client.GetAsync(string.Format(pathFormat, Guid.NewGuid()), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Problems.ShouldBeCleanProblemAsync(response, 403);
    }

    [Theory]
    [InlineData(CrmRoles.SalesRep, "/api/sales/customers/{0}")]
    [InlineData(CrmRoles.Marketer, "/api/marketing/customers/{0}")]
    [InlineData(CrmRoles.SupportAgent, "/api/support/customers/{0}")]
    [InlineData(CrmRoles.Marketer, "/api/customers/{0}")]
    public async Task A_role_inside_its_area_gets_through(string role, string pathFormat)
    {
        using var client = await system.SignedInAsync(await system.CreateUserAsync([role]));

        using var response = await client.GetAsync(string.Format(pathFormat, Guid.NewGuid()), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, "authorised, and there is no such customer");
    }

    [Fact]
    public async Task A_marketer_reads_customers_but_may_not_create_them()
    {
        using var marketer = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.Marketer]));
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));

        using var refused = await marketer.PostCustomerAsync(CustomerRequests.NewCompany());
        using var created = await rep.PostCustomerAsync(CustomerRequests.NewCompany());

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Only_an_administrator_manages_users_and_the_change_is_audited()
    {
        var user = await system.CreateUserAsync([CrmRoles.SalesRep]);
        using var manager = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesManager]));

        using var refused = await manager.PutAsJsonAsync($"/api/identity/users/{user.Id}/roles",
            new { roles = new[] { CrmRoles.Administrator } }, TestContext.Current.CancellationToken);
        using var changed = await system.Gateway.PutAsJsonAsync($"/api/identity/users/{user.Id}/roles",
            new { roles = new[] { CrmRoles.SalesManager } }, TestContext.Current.CancellationToken);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var audit = await system.Gateway.GetAsync(
            $"/api/identity/audit?action=roles-changed&target={user.Id}", TestContext.Current.CancellationToken);
        using var entries = JsonDocument.Parse(await audit.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var entry = entries.RootElement.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("details").GetString().ShouldBe($"{CrmRoles.SalesRep} -> {CrmRoles.SalesManager}");
        entry.GetProperty("actorName").GetString().ShouldBe("Administrator");
    }

    [Fact]
    public async Task Every_user_change_is_published_to_the_other_services_in_order()
    {
        var user = await system.CreateUserAsync([CrmRoles.SupportAgent]);
        var teamId = await system.CreateTeamAsync();

        using var moved = await system.Gateway.PutAsJsonAsync($"/api/identity/users/{user.Id}/team", new { teamId }, TestContext.Current.CancellationToken);
        using var promoted = await system.Gateway.PutAsJsonAsync($"/api/identity/users/{user.Id}/roles",
            new { roles = new[] { CrmRoles.SupportLead } }, TestContext.Current.CancellationToken);

        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        promoted.StatusCode.ShouldBe(HttpStatusCode.OK);
        const string published = "select count(*) from outbox_messages where ordering_key = @key and message_type like '%UserChanged%' and dispatched_at is not null";
        await Eventually.HoldsAsync(async () => await system.CountAsync("identitydb", published, ("key", user.Id.ToString())) == 3,
            TimeSpan.FromSeconds(10), "created, moved and promoted are three UserChanged events, all dispatched");
        var revisions = await system.CountAsync("identitydb",
            "select count(distinct (payload::jsonb ->> 'revision')) from outbox_messages where ordering_key = @key", ("key", user.Id.ToString()));
        revisions.ShouldBe(3);
    }

    [Fact]
    public async Task The_last_administrator_cannot_lose_the_role()
    {
        using var users = await system.Gateway.GetAsync($"/api/identity/users?role={CrmRoles.Administrator}&pageSize=200", TestContext.Current.CancellationToken);
        using var page = JsonDocument.Parse(await users.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var administrators = page.RootElement.GetProperty("items").EnumerateArray().Where(u => u.GetProperty("isActive").GetBoolean()).ToList();
        administrators.Count.ShouldBe(1, "only the bootstrapped administrator is active");

        using var response = await system.Gateway.PutAsJsonAsync($"/api/identity/users/{administrators[0].GetProperty("id").GetGuid()}/roles",
            new { roles = new[] { CrmRoles.SalesRep } }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("/api/identity/users?pageSize=100000", "pageSize")]
    [InlineData("/api/identity/users?page=0", "page")]
    [InlineData("/api/identity/audit?pageSize=100000", "pageSize")]
    public async Task An_oversized_page_is_a_400_naming_the_parameter(string path, string field)
    {
        using var response = await system.Gateway.GetAsync(path, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await Problems.ShouldBeCleanProblemAsync(response, 400);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_integration_client_gets_a_token_with_its_roles_only()
    {
        using var created = await system.Gateway.PostAsJsonAsync("/api/identity/clients",
            new { displayName = "ERP sync", roles = new[] { CrmRoles.SalesRep } }, TestContext.Current.CancellationToken);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var client = JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        using var tokenResponse = await system.SignIn.RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.RootElement.GetProperty("clientId").GetString()!,
            ["client_secret"] = client.RootElement.GetProperty("clientSecret").GetString()!,
            ["scope"] = CrmAudiences.ApiScope,
        });
        tokenResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var accessToken = token.RootElement.GetProperty("access_token").GetString()!;

        using var allowed = await SendAsync("/api/sales/customers/" + Guid.NewGuid(), accessToken);
        using var refused = await SendAsync("/api/identity/users", accessToken);

        allowed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_wrong_client_secret_gets_no_token()
    {
        using var response = await system.SignIn.RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "integration-does-not-exist",
            ["client_secret"] = "guess",
            ["scope"] = CrmAudiences.ApiScope,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("invalid_client");
    }

    private Task<HttpResponseMessage> SendAsync(string path, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return system.Anonymous.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
