using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;

namespace Crm.EndToEnd.Tests;

/// <summary>The duplicate rule on create: blocks with the matches (409), or lets the client go ahead with a warning.</summary>
public sealed class CustomerDuplicateTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_email_is_a_409_naming_the_existing_customer_unless_the_client_allows_it()
    {
        var email = $"dup-{Guid.NewGuid():N}@example.test";
        var existing = await CreatedIdAsync(await system.Gateway.PostCustomerAsync(new { kind = "Person", name = "Dana Original", email }));

        using var blocked = await system.Gateway.PostCustomerAsync(new { kind = "Person", name = "Somebody Else", email = email.ToUpperInvariant() });
        using var allowed = await system.Gateway.PostAsJsonAsync("/api/customers?onDuplicate=allow", new { kind = "Person", name = "Somebody Else", email }, Token);

        blocked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await Problems.ShouldBeCleanProblemAsync(blocked, 409);
        var match = problem.GetProperty("duplicates").EnumerateArray().ShouldHaveSingleItem();
        match.GetProperty("id").GetGuid().ShouldBe(existing);
        match.GetProperty("reason").GetString().ShouldBe("same e-mail");
        allowed.StatusCode.ShouldBe(HttpStatusCode.Created);
        allowed.Headers.GetValues("Possible-Duplicates").Single().ShouldBe(existing.ToString());
    }

    [Fact]
    public async Task The_same_phone_in_another_format_is_a_duplicate()
    {
        var digits = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var existing = await CreatedIdAsync(await system.Gateway.PostCustomerAsync(new { kind = "Person", name = "Phone Owner", phone = $"+49 89 {digits}" }));

        using var blocked = await system.Gateway.PostCustomerAsync(new { kind = "Person", name = "Another Name", phone = $"+49 (89) {digits[..4]}-{digits[4..]}" });

        blocked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var match = (await Problems.ShouldBeCleanProblemAsync(blocked, 409)).GetProperty("duplicates").EnumerateArray().ShouldHaveSingleItem();
        match.GetProperty("id").GetGuid().ShouldBe(existing);
        match.GetProperty("reason").GetString().ShouldBe("same phone");
    }

    [Fact]
    public async Task A_similar_name_is_a_duplicate_within_a_company_but_not_across_companies()
    {
        var first = await CreatedIdAsync(await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany()));
        var second = await CreatedIdAsync(await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany()));
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var contact = await CreatedIdAsync(await system.Gateway.PostCustomerAsync(new { kind = "Person", name = $"Jonathan Smithers {suffix}", companyId = first }));

        using var sameCompany = await system.Gateway.PostCustomerAsync(new { kind = "Person", name = $"Jonathon Smithers {suffix}", companyId = first });
        using var otherCompany = await system.Gateway.PostCustomerAsync(new { kind = "Person", name = $"Jonathon Smithers {suffix}", companyId = second });

        sameCompany.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Problems.ShouldBeCleanProblemAsync(sameCompany, 409)).GetProperty("duplicates").EnumerateArray()
            .Select(match => match.GetProperty("id").GetGuid()).ShouldBe([contact]);
        otherCompany.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_unknown_duplicate_policy_is_a_400_naming_it()
    {
        using var response = await system.Gateway.PostAsJsonAsync("/api/customers?onDuplicate=maybe", CustomerRequests.NewCompany(), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problems.ShouldBeCleanProblemAsync(response, 400)).GetProperty("errors").TryGetProperty("onDuplicate", out _).ShouldBeTrue();
    }

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage created)
    {
        using (created)
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
            return (await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!.GetValue<Guid>();
        }
    }
}
