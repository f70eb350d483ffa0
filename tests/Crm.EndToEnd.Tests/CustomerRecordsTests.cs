using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests;

/// <summary>The shared customer record: no lost updates, protected owner, lists that page without gaps.</summary>
public sealed class CustomerRecordsTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_people_saving_the_same_version_get_exactly_one_412()
    {
        var (id, etag) = await CreateAsync(system.Gateway, CustomerRequests.NewCompany());
        using var alice = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesManager]));
        using var bob = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesManager]));

        var saves = await Task.WhenAll(
            PutAsync(alice, id, etag, body => body["region"] = "APAC"),
            PutAsync(bob, id, etag, body => body["region"] = "LATAM"));

        saves.Select(response => response.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed]);
        var refused = saves.Single(response => response.StatusCode == HttpStatusCode.PreconditionFailed);
        await Problems.ShouldBeCleanProblemAsync(refused, 412);
        var winner = saves.Single(response => response.StatusCode == HttpStatusCode.OK);
        var saved = (await winner.Content.ReadFromJsonAsync<JsonObject>(Token))!["region"]!.GetValue<string>();
        using var read = await system.Gateway.GetAsync($"/api/customers/{id}", Token);
        (await read.Content.ReadFromJsonAsync<JsonObject>(Token))!["region"]!.GetValue<string>().ShouldBe(saved);
        read.Headers.ETag!.Tag.ShouldBe(winner.Headers.ETag!.Tag);
        foreach (var response in saves)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_change_without_if_match_is_a_428_and_nothing_changes()
    {
        var (id, _) = await CreateAsync(system.Gateway, CustomerRequests.NewCompany());

        using var response = await PutAsync(system.Gateway, id, etag: null, body => body["name"] = "Renamed");
        using var delete = await system.Gateway.DeleteAsync($"/api/customers/{id}", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        delete.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        await Problems.ShouldBeCleanProblemAsync(response, 428);
        using var read = await system.Gateway.GetAsync($"/api/customers/{id}", Token);
        (await read.Content.ReadFromJsonAsync<JsonObject>(Token))!["name"]!.GetValue<string>().ShouldNotBe("Renamed");
    }

    [Fact]
    public async Task A_sales_rep_may_not_hand_a_customer_to_someone_else_but_a_manager_may()
    {
        var rep = await system.CreateUserAsync([CrmRoles.SalesRep]);
        var other = await system.CreateUserAsync([CrmRoles.SalesRep]);
        using var repClient = await system.SignedInAsync(rep);
        using var manager = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesManager]));

        var (id, etag) = await CreateAsync(repClient, CustomerRequests.NewCompany());
        using var createdForOther = await repClient.PostCustomerAsync(With(CustomerRequests.NewCompany(), body => body["ownerId"] = other.Id));
        using var reassigned = await PutAsync(repClient, id, etag, body => body["ownerId"] = other.Id);
        using var byManager = await PutAsync(manager, id, etag, body => body["ownerId"] = other.Id);

        createdForOther.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        reassigned.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Problems.ShouldBeCleanProblemAsync(reassigned, 403)).GetProperty("title").GetString().ShouldBe("You may not change the owner.");
        byManager.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await byManager.Content.ReadFromJsonAsync<JsonObject>(Token))!["ownerId"]!.GetValue<Guid>().ShouldBe(other.Id);
    }

    [Fact]
    public async Task The_creator_owns_a_new_customer()
    {
        var rep = await system.CreateUserAsync([CrmRoles.SalesRep]);
        using var client = await system.SignedInAsync(rep);

        using var created = await client.PostCustomerAsync(CustomerRequests.NewCompany());

        (await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["ownerId"]!.GetValue<Guid>().ShouldBe(rep.Id);
    }

    [Fact]
    public async Task An_update_and_a_delete_reach_the_other_services_copies()
    {
        var (id, etag) = await CreateAsync(system.Gateway, CustomerRequests.NewCompany());
        foreach (var service in CrmSystemFixture.ReplicaServices)
        {
            await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync(service, id), TimeSpan.FromSeconds(5), $"{service} has the copy");
        }

        using var updated = await PutAsync(system.Gateway, id, etag, body =>
        {
            body["name"] = "Renamed Ltd";
            body["email"] = "new@renamed.example";
        });
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.HoldsAsync(async () => await NameInAsync("sales", id) == "Renamed Ltd", TimeSpan.FromSeconds(5), "sales has the new name");
        await Eventually.HoldsAsync(async () => await NameInAsync("support", id) == "Renamed Ltd", TimeSpan.FromSeconds(5), "support has the new name");

        using var deleted = await DeleteAsync(id, updated.Headers.ETag!.Tag);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        foreach (var service in CrmSystemFixture.ReplicaServices)
        {
            await Eventually.HoldsAsync(async () => !await system.Gateway.HasCopyAsync(service, id), TimeSpan.FromSeconds(5), $"{service} dropped the copy");
        }
    }

    [Fact]
    public async Task The_list_filters_and_pages_through_every_match_once()
    {
        var tag = $"t{Guid.NewGuid():N}"[..20];
        var created = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            // Names this alike are possible duplicates; here they are meant.
            var (id, _) = await CreateAsync(system.Gateway, With(CustomerRequests.NewCompany($"Paging {i} {tag}"), body => body["tags"] = new JsonArray(tag, "vip")), "?onDuplicate=allow");
            created.Add(id);
        }

        await CreateAsync(system.Gateway, CustomerRequests.NewCompany($"Paging other {tag}"), "?onDuplicate=allow");

        foreach (var sort in new[] { "name", "-name", "createdAt", "-createdAt", "-updatedAt" })
        {
            var seen = new List<Guid>();
            string? cursor = null;
            for (var pageNumber = 0; pageNumber < 10; pageNumber++)
            {
                var path = $"/api/customers?tag={tag}&sort={sort}&pageSize=3" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
                using var response = await system.Gateway.GetAsync(path, Token);
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                var page = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
                seen.AddRange(page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>()));
                cursor = page["nextCursor"]?.GetValue<string>();
                if (cursor is null)
                {
                    break;
                }
            }

            // Names, creation and update times all grow in the order the customers were created.
            seen.ShouldBe(sort.StartsWith('-') ? Enumerable.Reverse(created) : created, customMessage: sort);
        }
    }

    [Fact]
    public async Task Search_finds_a_customer_by_part_of_its_name_email_or_phone()
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        var (id, _) = await CreateAsync(system.Gateway, With(CustomerRequests.NewCompany($"Zephyr {unique} GmbH"), body =>
        {
            body["email"] = $"hello-{unique}@zephyr.example";
            body["phone"] = "+49 89 " + string.Concat(unique.Where(char.IsDigit).Take(6)).PadRight(6, '7');
        }));

        foreach (var q in new[] { unique.ToUpperInvariant(), $"hello-{unique}" })
        {
            using var response = await system.Gateway.GetAsync($"/api/customers?q={Uri.EscapeDataString(q)}", Token);
            var page = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
            page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>()).ShouldBe([id], q);
        }
    }

    [Fact]
    public async Task Search_forgives_a_typo_in_the_name_and_ignores_phone_formatting()
    {
        var word = "Quokka" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(6).Select(char.ToLowerInvariant));
        var (id, _) = await CreateAsync(system.Gateway, With(CustomerRequests.NewCompany($"{word} Trading"), body => body["phone"] = "+49 (30) 987-65-43"));
        var typo = "Qw" + word[2..];

        foreach (var q in new[] { typo, "30 987 654", "98765" })
        {
            using var response = await system.Gateway.GetAsync($"/api/customers?q={Uri.EscapeDataString(q)}&pageSize=200", Token);
            var page = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
            page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>()).ShouldContain(id, q);
        }
    }

    [Fact]
    public async Task A_nul_character_is_a_400_naming_the_field_and_never_reaches_the_database()
    {
        using var body = await system.Gateway.PostCustomerAsync(new { kind = "Company", name = "Nul\u0000Corp" });
        using var query = await system.Gateway.GetAsync("/api/customers?q=a%00b", Token);

        body.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problems.ShouldBeCleanProblemAsync(body, 400)).GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        query.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await Problems.ShouldBeCleanProblemAsync(query, 400);
    }

    [Theory]
    [InlineData("pageSize=100000", "pageSize")]
    [InlineData("sort=owner", "sort")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("sort=createdAt&cursor=eyJTb3J0IjoiY3JlYXRlZEF0IiwiS2V5Ijoibm90IGEgdGltZSIsIklkIjoiMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwIn0", "cursor")]
    [InlineData("kind=Planet", "kind")]
    public async Task A_bad_list_parameter_is_a_400_naming_it(string query, string field)
    {
        using var response = await system.Gateway.GetAsync($"/api/customers?{query}", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await Problems.ShouldBeCleanProblemAsync(response, 400);
        var body = problem.GetRawText();
        body.ShouldContain($"\"{field}\"", customMessage: body);
    }

    [Fact]
    public async Task A_bad_address_field_is_a_400_naming_its_path()
    {
        using var response = await system.Gateway.PostCustomerAsync(new { kind = "Person", name = "Far Away", address = new { country = "Germany" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await Problems.ShouldBeCleanProblemAsync(response, 400)).GetProperty("errors");
        errors.TryGetProperty("address.country", out _).ShouldBeTrue(errors.GetRawText());
    }

    [Fact]
    public async Task A_contact_links_to_its_company_and_the_company_cannot_be_deleted_while_it_has_contacts()
    {
        var (companyId, companyEtag) = await CreateAsync(system.Gateway, CustomerRequests.NewCompany());
        var (contactId, _) = await CreateAsync(system.Gateway, new { kind = "Person", name = "Jane Contact", companyId });
        using var unknownCompany = await system.Gateway.PostCustomerAsync(new { kind = "Person", name = "Lost", companyId = Guid.NewGuid() });

        using var contacts = await system.Gateway.GetAsync($"/api/customers?companyId={companyId}", Token);
        var page = (await contacts.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>()).ShouldBe([contactId]);
        unknownCompany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problems.ShouldBeCleanProblemAsync(unknownCompany, 400)).GetProperty("errors").TryGetProperty("companyId", out _).ShouldBeTrue();
        using var delete = await DeleteAsync(companyId, companyEtag);
        delete.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    private static async Task<(Guid Id, string ETag)> CreateAsync(HttpClient client, object body, string query = "")
    {
        using var created = await client.PostAsJsonAsync($"/api/customers{query}", body, Token);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        return (await created.CreatedIdAsync(), created.Headers.ETag!.Tag);
    }

    private async Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, string? etag, Action<JsonObject> change)
    {
        using var read = await system.Gateway.GetAsync($"/api/customers/{id}", Token);
        var body = (await read.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        change(body);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{id}") { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        }

        return await client.SendAsync(request, Token);
    }

    private async Task<HttpResponseMessage> DeleteAsync(Guid id, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/customers/{id}");
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        return await system.Gateway.SendAsync(request, Token);
    }

    private async Task<string?> NameInAsync(string service, Guid id)
    {
        using var response = await system.Gateway.GetAsync($"/api/{service}/customers/{id}", Token);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["name"]!.GetValue<string>() : null;
    }

    private static JsonObject With(object body, Action<JsonObject> change)
    {
        var json = JsonSerializer.SerializeToNode(body)!.AsObject();
        change(json);
        return json;
    }
}
