using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests.Customers;

/// <summary>
/// Fields an administrator adds to customers: typed and checked on every write, filterable in lists and exports,
/// filled by imports, and their changes on the timeline. Keys carry a per-test tag because fields are global.
/// </summary>
public sealed class CustomerCustomFieldsTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Typed_values_are_checked_normalised_and_their_changes_appear_on_the_timeline()
    {
        var fields = await AddFieldsAsync();

        using var created = await system.Gateway.PostCustomerAsync(WithValues(CustomerRequests.NewCompany(), new JsonObject
        {
            [fields.Budget] = 12500.5,
            [fields.Renewal] = "2027-03-31",
            [fields.Plan] = "pro",
            [fields.Channels] = new JsonArray("Phone", "email"),
            [fields.Notes] = "  Prefers calls before noon  ",
        }));

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        var customer = (await created.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        var values = customer["customFields"]!.AsObject();
        values[fields.Budget]!.GetValue<decimal>().ShouldBe(12500.5m);
        values[fields.Renewal]!.GetValue<string>().ShouldBe("2027-03-31");
        values[fields.Plan]!.GetValue<string>().ShouldBe("Pro");
        values[fields.Channels]!.AsArray().Select(value => value!.GetValue<string>()).ShouldBe(["Email", "Phone"]);
        values[fields.Notes]!.GetValue<string>().ShouldBe("Prefers calls before noon");

        var id = customer["id"]!.GetValue<Guid>();
        var etag = created.Headers.ETag!.Tag;
        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{id}")
        {
            Content = JsonContent.Create(WithValues(Editable(customer), new JsonObject { [fields.Budget] = 20000, [fields.Notes] = null })),
        };
        update.Headers.IfMatch.ParseAdd(etag);
        using var updated = await system.Gateway.SendAsync(update, Token);

        updated.StatusCode.ShouldBe(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync(Token));
        var after = (await updated.Content.ReadFromJsonAsync<JsonObject>(Token))!["customFields"]!.AsObject();
        after[fields.Budget]!.GetValue<decimal>().ShouldBe(20000m);
        after.ContainsKey(fields.Notes).ShouldBeFalse("a value sent as null is cleared");
        after[fields.Plan]!.GetValue<string>().ShouldBe("Pro", "a value not sent is kept");
        var change = (await CustomerHistoryTests.ReadTimelineAsync(system.Gateway, id)).First(entry => entry["kind"]!.GetValue<string>() == "customer.updated");
        change["summary"]!.GetValue<string>().ShouldBe($"Changed customFields.{fields.Budget}, customFields.{fields.Notes}");
        var budgetChange = change["data"]![$"customFields.{fields.Budget}"]!;
        (budgetChange["before"]!.GetValue<decimal>(), budgetChange["after"]!.GetValue<decimal>()).ShouldBe((12500.5m, 20000m));
    }

    [Fact]
    public async Task Bad_values_are_a_400_naming_the_custom_field()
    {
        var fields = await AddFieldsAsync();

        using var response = await system.Gateway.PostCustomerAsync(WithValues(CustomerRequests.NewCompany(), new JsonObject
        {
            [fields.Budget] = "a lot",
            [fields.Renewal] = "31.03.2027",
            [fields.Plan] = "Platinum",
            ["no_such_field"] = "x",
        }));

        var problem = await Problems.ShouldBeCleanProblemAsync(response, 400);
        var errors = problem.GetProperty("errors");
        errors.GetProperty($"customFields.{fields.Budget}")[0].GetString().ShouldBe($"'Budget {fields.Tag}' takes a number.");
        errors.GetProperty($"customFields.{fields.Renewal}")[0].GetString().ShouldBe($"'Renewal {fields.Tag}' takes a date written yyyy-MM-dd.");
        errors.GetProperty($"customFields.{fields.Plan}")[0].GetString()!.ShouldStartWith("'Platinum' is not an option");
        errors.GetProperty("customFields.no_such_field")[0].GetString().ShouldBe("There is no custom field 'no_such_field'.");
    }

    [Fact]
    public async Task Lists_and_exports_filter_on_custom_values()
    {
        var fields = await AddFieldsAsync();
        var small = await CreateAsync(fields, budget: 500, renewal: "2027-01-15", plan: "Basic", channels: ["Chat"], notes: "met at the fair");
        var large = await CreateAsync(fields, budget: 50_000, renewal: "2027-06-30", plan: "Pro", channels: ["Email", "Chat"], notes: "key account");
        var middle = await CreateAsync(fields, budget: 5_000, renewal: "2027-03-01", plan: "Pro", channels: ["Phone"], notes: null);

        (await ListAsync($"cf.{fields.Plan}=pro")).ShouldBe([large, middle], ignoreOrder: true);
        (await ListAsync($"cf.{fields.Budget}.from=1000&cf.{fields.Budget}.to=10000")).ShouldBe([middle]);
        (await ListAsync($"cf.{fields.Renewal}.to=2027-03-01")).ShouldBe([small, middle], ignoreOrder: true);
        (await ListAsync($"cf.{fields.Channels}=chat")).ShouldBe([small, large], ignoreOrder: true);
        (await ListAsync($"cf.{fields.Notes}=FAIR")).ShouldBe([small]);
        (await ListAsync($"cf.{fields.Budget}=50000")).ShouldBe([large]);

        using var unknown = await system.Gateway.GetAsync("/api/customers?cf.nope=1", Token);
        (await Problems.ShouldBeCleanProblemAsync(unknown, 400)).GetProperty("errors").GetProperty("cf.nope")[0].GetString()
            .ShouldBe("There is no custom field 'nope'.");
        using var badRange = await system.Gateway.GetAsync($"/api/customers?cf.{fields.Plan}.from=a", Token);
        (await Problems.ShouldBeCleanProblemAsync(badRange, 400)).GetProperty("errors").TryGetProperty($"cf.{fields.Plan}.from", out _).ShouldBeTrue();

        var csv = await system.Gateway.GetStringAsync($"/api/customers/exports?format=csv&cf.{fields.Plan}=Pro", Token);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        var budgetColumn = Array.IndexOf(header, fields.Budget);
        var channelsColumn = Array.IndexOf(header, fields.Channels);
        budgetColumn.ShouldBeGreaterThan(0);
        lines.Length.ShouldBe(3);
        var largeLine = lines.Single(line => line.StartsWith(large.ToString(), StringComparison.Ordinal)).Split(',');
        (largeLine[budgetColumn], largeLine[channelsColumn]).ShouldBe(("50000", "Chat; Email"));
    }

    [Fact]
    public async Task A_custom_value_filter_pages_in_the_sort_order_with_other_filters_on_top()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var plan = $"plan_{tag}";
        using (var field = await system.Gateway.PostAsJsonAsync("/api/customers/custom-fields",
                   new { key = plan, label = $"Plan {tag}", type = "SingleChoice", options = new[] { "Gold", "Silver" } }, Token))
        {
            field.StatusCode.ShouldBe(HttpStatusCode.Created, await field.Content.ReadAsStringAsync(Token));
        }

        // Created in neither name order nor its reverse; every other Gold customer is in APAC, and Silver ones are left out.
        var created = new List<(Guid Id, string Letter, string Plan, string Region)>();
        foreach (var (letter, index) in "GCIAEKBHDFJ".Select((letter, index) => (letter.ToString(), index)))
        {
            var (planValue, region) = index == 4 || index == 8 ? ("Silver", "APAC") : ("Gold", index % 2 == 0 ? "APAC" : "EMEA");
            var body = JsonSerializer.SerializeToNode(CustomerRequests.NewCompany($"{letter} Person {tag}"))!.AsObject();
            (body["kind"], body["region"], body["customFields"]) = ("Person", region, new JsonObject { [plan] = planValue });
            using var response = await system.Gateway.PostCustomerAsync(body);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Token));
            created.Add((await response.CreatedIdAsync(), letter, planValue, region));
        }

        var gold = created.Where(customer => customer.Plan == "Gold").ToList();
        (await PagedAsync($"cf.{plan}=gold&sort=name")).ShouldBe([.. gold.OrderBy(customer => customer.Letter, StringComparer.Ordinal).Select(customer => customer.Id)]);
        (await PagedAsync($"cf.{plan}=gold&sort=-createdAt")).ShouldBe([.. Enumerable.Reverse(gold).Select(customer => customer.Id)]);
        (await PagedAsync($"cf.{plan}=gold&region=APAC")).ShouldBe(
            [.. gold.Where(customer => customer.Region == "APAC").OrderBy(customer => customer.Letter, StringComparer.Ordinal).Select(customer => customer.Id)]);
        (await PagedAsync($"cf.{plan}=gold&region=EMEA&sort=-createdAt")).ShouldBe(
            [.. Enumerable.Reverse(gold).Where(customer => customer.Region == "EMEA").Select(customer => customer.Id)]);
    }

    [Fact]
    public async Task A_single_choice_field_gets_a_btree_per_list_order_which_goes_with_the_field()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (tier, budget) = ($"tier_{tag}", $"budget_{tag}");
        foreach (var (key, type, options) in new (string, string, string[]?)[] { (tier, "SingleChoice", ["Gold", "Silver"]), (budget, "Number", null) })
        {
            using var response = await system.Gateway.PostAsJsonAsync("/api/customers/custom-fields", new { key, label = $"{key} label", type, options }, Token);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Token));
        }

        Task<long> IndexesAsync(string key) => system.CountAsync("customersdb", """
            SELECT count(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE i.relname LIKE 'cf\_' || @key || '\_\_%' AND x.indisvalid
            """, ("key", key));
        await Eventually.HoldsAsync(async () => await IndexesAsync(tier) == 2, TimeSpan.FromSeconds(60), "the choice's name and creation-time indexes are built");
        (await IndexesAsync(budget)).ShouldBe(0, "a number is served by the GIN index of the values");

        var (id, etag) = await ReadFieldAsync(tier);
        using var deleted = await SendFieldAsync(HttpMethod.Delete, id, etag, null);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(async () => await IndexesAsync(tier) == 0, TimeSpan.FromSeconds(60), "a deleted field's indexes are dropped");
    }

    [Fact]
    public async Task Imports_fill_custom_fields_by_label_and_report_bad_cells_by_column()
    {
        var fields = await AddFieldsAsync();
        var csv = $"""
            name,email,Budget {fields.Tag},Plan {fields.Tag}
            Imported {fields.Tag},imported.{fields.Tag}@example.com,"1,250.75",basic
            Broken {fields.Tag},broken.{fields.Tag}@example.com,lots,Basic
            """;

        var job = await CustomerImportTests.ImportAsync(system.Gateway, "custom.csv", Encoding.UTF8.GetBytes(csv));

        (job["created"]!.GetValue<int>(), job["failed"]!.GetValue<int>()).ShouldBe((1, 1));
        var problem = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers/imports/{job["id"]}/problems", Token))!["items"]!.AsArray()
            .ShouldHaveSingleItem()!;
        (problem["row"]!.GetValue<int>(), problem["column"]!.GetValue<string>()).ShouldBe((3, $"Budget {fields.Tag}"));
        var imported = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers?cf.{fields.Plan}=Basic&q=imported.{fields.Tag}", Token))!["items"]!
            .AsArray().ShouldHaveSingleItem()!;
        imported["customFields"]![fields.Budget]!.GetValue<decimal>().ShouldBe(1250.75m);
        imported["customFields"]![fields.Plan]!.GetValue<string>().ShouldBe("Basic");
    }

    [Fact]
    public async Task Only_administrators_define_fields_and_definitions_in_use_are_protected()
    {
        var fields = await AddFieldsAsync();
        var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        using var forbidden = await rep.PostAsJsonAsync("/api/customers/custom-fields", new { key = $"x_{fields.Tag}", label = "X", type = "Text" }, Token);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await rep.GetFromJsonAsync<JsonArray>("/api/customers/custom-fields", Token))!
            .ShouldContain(field => field!["key"]!.GetValue<string>() == fields.Plan, "everybody reads the definitions their forms need");

        using var taken = await system.Gateway.PostAsJsonAsync("/api/customers/custom-fields", new { key = fields.Plan, label = "Again", type = "Text" }, Token);
        (await Problems.ShouldBeCleanProblemAsync(taken, 409)).GetProperty("title").GetString().ShouldBe("The key is taken.");
        using var badKey = await system.Gateway.PostAsJsonAsync("/api/customers/custom-fields", new { key = "Has Spaces", label = "X", type = "SingleChoice" }, Token);
        var badKeyErrors = (await Problems.ShouldBeCleanProblemAsync(badKey, 400)).GetProperty("errors");
        badKeyErrors.TryGetProperty("key", out _).ShouldBeTrue();
        badKeyErrors.TryGetProperty("options", out _).ShouldBeTrue();

        await CreateAsync(fields, budget: 1, renewal: "2027-01-01", plan: "Basic", channels: [], notes: null);
        var (plan, planTag) = await ReadFieldAsync(fields.Plan);
        using var dropOption = await SendFieldAsync(HttpMethod.Put, plan, planTag, new { label = "Plan", options = new[] { "Pro" } });
        (await Problems.ShouldBeCleanProblemAsync(dropOption, 409)).GetProperty("title").GetString().ShouldBe("The option is in use.");
        using var delete = await SendFieldAsync(HttpMethod.Delete, plan, planTag, null);
        (await Problems.ShouldBeCleanProblemAsync(delete, 409)).GetProperty("title").GetString().ShouldBe("The field holds values.");

        using var archive = await SendFieldAsync(HttpMethod.Put, plan, planTag, new { label = "Plan (old)", options = new[] { "Basic", "Pro", "Enterprise" }, archived = true });
        archive.StatusCode.ShouldBe(HttpStatusCode.OK, await archive.Content.ReadAsStringAsync(Token));
        using var stale = await SendFieldAsync(HttpMethod.Put, plan, planTag, new { label = "Plan" });
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await system.Gateway.GetFromJsonAsync<JsonArray>("/api/customers/custom-fields", Token))!
            .ShouldNotContain(field => field!["key"]!.GetValue<string>() == fields.Plan, "archived fields leave the forms");

        var (unused, unusedTag) = await ReadFieldAsync(fields.Notes);
        using var deleted = await SendFieldAsync(HttpMethod.Delete, unused, unusedTag, null);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    private sealed record Fields(string Tag, string Budget, string Renewal, string Plan, string Channels, string Notes);

    private async Task<Fields> AddFieldsAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var fields = new Fields(tag, $"budget_{tag}", $"renewal_{tag}", $"plan_{tag}", $"channels_{tag}", $"notes_{tag}");
        foreach (var (key, label, type, options) in new (string, string, string, string[]?)[]
        {
            (fields.Budget, $"Budget {tag}", "Number", null),
            (fields.Renewal, $"Renewal {tag}", "Date", null),
            (fields.Plan, $"Plan {tag}", "SingleChoice", ["Basic", "Pro"]),
            (fields.Channels, $"Channels {tag}", "MultiChoice", ["Email", "Phone", "Chat"]),
            (fields.Notes, $"Notes {tag}", "Text", null),
        })
        {
            using var response = await system.Gateway.PostAsJsonAsync("/api/customers/custom-fields", new { key, label, type, options }, Token);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Token));
        }

        return fields;
    }

    private async Task<Guid> CreateAsync(Fields fields, decimal budget, string renewal, string plan, string[] channels, string? notes)
    {
        using var created = await system.Gateway.PostCustomerAsync(WithValues(CustomerRequests.NewCompany(), new JsonObject
        {
            [fields.Budget] = budget,
            [fields.Renewal] = renewal,
            [fields.Plan] = plan,
            [fields.Channels] = new JsonArray([.. channels.Select(channel => (JsonNode)channel)]),
            [fields.Notes] = notes,
        }));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        return await created.CreatedIdAsync();
    }

    private async Task<List<Guid>> ListAsync(string filters)
    {
        using var response = await system.Gateway.GetAsync($"/api/customers?pageSize=100&{filters}", Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        var page = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        return [.. page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>())];
    }

    /// <summary>Every customer of the list, two to a page, following nextCursor.</summary>
    private async Task<List<Guid>> PagedAsync(string filters)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = (await system.Gateway.GetFromJsonAsync<JsonObject>(
                $"/api/customers?pageSize=2&{filters}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"), Token))!;
            ids.AddRange(page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null && ids.Count < 20);

        return ids;
    }

    private async Task<(Guid Id, string ETag)> ReadFieldAsync(string key)
    {
        var field = (await system.Gateway.GetFromJsonAsync<JsonArray>("/api/customers/custom-fields?includeArchived=true", Token))!
            .Single(field => field!["key"]!.GetValue<string>() == key)!;
        using var read = await system.Gateway.GetAsync($"/api/customers/custom-fields/{field["id"]}", Token);
        return (field["id"]!.GetValue<Guid>(), read.Headers.ETag!.Tag);
    }

    private Task<HttpResponseMessage> SendFieldAsync(HttpMethod method, Guid id, string etag, object? body)
    {
        var request = new HttpRequestMessage(method, $"/api/customers/custom-fields/{id}") { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.IfMatch.ParseAdd(etag);
        return system.Gateway.SendAsync(request, Token);
    }

    private static JsonObject WithValues(object customer, JsonObject values)
    {
        var body = JsonSerializer.SerializeToNode(customer)!.AsObject();
        body["customFields"] = values;
        return body;
    }

    /// <summary>The customer's writable fields, as a PUT replaces them.</summary>
    private static JsonObject Editable(JsonObject customer) => new()
    {
        ["name"] = customer["name"]!.DeepClone(),
        ["email"] = customer["email"]?.DeepClone(),
        ["phone"] = customer["phone"]?.DeepClone(),
        ["industry"] = customer["industry"]?.DeepClone(),
        ["region"] = customer["region"]?.DeepClone(),
        ["source"] = customer["source"]?.DeepClone(),
        ["ownerId"] = customer["ownerId"]?.DeepClone(),
    };
}
