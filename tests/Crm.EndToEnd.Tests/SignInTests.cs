using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests;

/// <summary>OWASP API2: guessing passwords locks the account; every sign-in is audited.</summary>
public sealed class SignInTests(CrmSystemFixture system)
{
    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        var user = await system.CreateUserAsync([CrmRoles.SalesRep]);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var (status, _) = await system.SignIn.TryPasswordAsync(user.Email, $"wrong-password-{attempt}");
            status.ShouldBe(attempt < 5 ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden, $"attempt {attempt}");
        }

        var (locked, page) = await system.SignIn.TryPasswordAsync(user.Email, user.Password);
        locked.ShouldBe(HttpStatusCode.Forbidden);
        page.ShouldContain("locked");
        (await AuditActionsForAsync(user.Id)).ShouldContain("locked-out");

        using var unlocked = await system.Gateway.PostAsync($"/api/identity/users/{user.Id}/unlock", null, TestContext.Current.CancellationToken);
        unlocked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await system.SignIn.TryPasswordAsync(user.Email, user.Password)).Status.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_as_a_wrong_password()
    {
        var user = await system.CreateUserAsync([CrmRoles.Marketer]);

        var (unknownStatus, unknownPage) = await system.SignIn.TryPasswordAsync($"nobody-{Guid.NewGuid():N}@crm.test", "whatever-password");
        var (wrongStatus, wrongPage) = await system.SignIn.TryPasswordAsync(user.Email, "whatever-password");

        unknownStatus.ShouldBe(HttpStatusCode.BadRequest);
        wrongStatus.ShouldBe(unknownStatus);
        unknownPage.ShouldContain("Invalid e-mail or password.");
        wrongPage.ShouldContain("Invalid e-mail or password.");
    }

    [Fact]
    public async Task A_successful_sign_in_is_audited()
    {
        var user = await system.CreateUserAsync([CrmRoles.SupportLead]);

        await system.SignIn.SignInAsync(user.Email, user.Password);

        (await AuditActionsForAsync(user.Id)).ShouldContain("signed-in");
    }

    [Fact]
    public async Task A_weak_password_is_a_400_naming_the_field()
    {
        using var response = await system.Gateway.PostAsJsonAsync("/api/identity/users",
            new { email = $"weak-{Guid.NewGuid():N}@crm.test", displayName = "Weak", password = "short", roles = new[] { CrmRoles.SalesRep } },
            TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await Problems.ShouldBeCleanProblemAsync(response, 400);
        problem.GetProperty("errors").GetProperty("password").EnumerateArray().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task An_unknown_role_is_a_400_naming_the_field()
    {
        using var response = await system.Gateway.PostAsJsonAsync("/api/identity/users",
            new { email = $"role-{Guid.NewGuid():N}@crm.test", displayName = "Role", password = "a-long-enough-password", roles = new[] { "overlord" } },
            TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await Problems.ShouldBeCleanProblemAsync(response, 400);
        problem.GetProperty("errors").TryGetProperty("roles[0]", out _).ShouldBeTrue();
    }

    private async Task<List<string>> AuditActionsForAsync(Guid userId)
    {
        using var response = await system.Gateway.GetAsync($"/api/identity/audit?target={userId}", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return [.. page.RootElement.GetProperty("items").EnumerateArray().Select(entry => entry.GetProperty("action").GetString()!)];
    }
}
