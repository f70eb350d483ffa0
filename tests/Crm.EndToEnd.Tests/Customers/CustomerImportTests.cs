using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.Hosting;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests.Customers;

/// <summary>Spreadsheets in: the dry run's report, background imports that survive a restart, and reverting them.</summary>
public sealed class CustomerImportTests(CrmSystemFixture system)
{
    private static readonly TimeSpan ImportDeadline = TimeSpan.FromSeconds(90);

    /// <summary>A bulk import queues thousands of events at once; the other services take a while to drain them on a busy machine.</summary>
    private static readonly TimeSpan CatchUpDeadline = TimeSpan.FromMinutes(3);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_dry_run_maps_chinese_headers_and_reports_each_row_without_changing_anything()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var csv = $"""
            姓名,电话,邮箱,公司
            王伟,+86 10 {Random.Shared.Next(1_000_000, 9_999_999)},wang.{tag}@example.cn,Firma {tag}
            李娜,+86 21 1234,not-an-email,Firma {tag}
            ,,,Solo {tag}
            王伟 again,,WANG.{tag}@example.cn,
            """;

        using var response = await UploadAsync(system.Gateway, "客户.csv", Encoding.UTF8.GetBytes(csv), ("dryRun", "true"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        report["mapping"]!["columns"]!.AsObject().Select(column => (column.Key, column.Value!.GetValue<string>()))
            .ShouldBe([("姓名", "name"), ("电话", "phone"), ("邮箱", "email"), ("公司", "company")]);
        (report["totalRows"]!.GetValue<int>(), report["wouldCreate"]!.GetValue<int>(), report["wouldSkip"]!.GetValue<int>(), report["invalid"]!.GetValue<int>())
            .ShouldBe((4, 2, 1, 1));
        var rows = report["rows"]!.AsArray();
        rows.Select(row => (row!["row"]!.GetValue<int>(), row["action"]!.GetValue<string>())).ShouldBe([(2, "Create"), (3, "Fail"), (4, "Create"), (5, "Skip")]);
        var problem = rows[1]!["problems"]!.AsArray().ShouldHaveSingleItem()!;
        problem["column"]!.GetValue<string>().ShouldBe("邮箱");
        rows[3]!["problems"]![0]!["message"]!.GetValue<string>().ShouldBe("Repeats an earlier row of this file.");
        // The search is typo-tolerant, so it may offer other tests' customers with a close spelling; none may be from this file.
        var found = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers?q={tag}", Token))!["items"]!.AsArray();
        found.Select(item => $"{item!["name"]} {item["email"]}").ShouldNotContain(text => text.Contains(tag, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_import_creates_and_updates_in_the_background_and_a_revert_undoes_both()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var existing = await CreateCustomerAsync($"Existing {tag}", $"existing.{tag}@example.com", "EMEA");
        var csv = $"""
            Name;E-Mail;Region;Tags
            Existing {tag};existing.{tag}@example.com;APAC;imported
            Newcomer {tag};new.{tag}@example.com;APAC;imported
            """;

        var job = await ImportAsync(system.Gateway, "customers.csv", Encoding.UTF8.GetBytes(csv), ("mode", "createAndUpdate"), ("matchOn", "email"));

        (job["created"]!.GetValue<int>(), job["updated"]!.GetValue<int>(), job["totalRows"]!.GetValue<int>()).ShouldBe((1, 1, 2));
        var updated = await GetCustomerAsync(existing);
        updated["region"]!.GetValue<string>().ShouldBe("APAC");
        updated["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["imported"]);
        var created = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers?q=new.{tag}", Token))!["items"]!.AsArray()
            .Single(item => item!["email"]?.GetValue<string>() == $"new.{tag}@example.com")!;
        created["kind"]!.GetValue<string>().ShouldBe("Person");
        (await CustomerHistoryTests.ReadTimelineAsync(system.Gateway, existing))
            .ShouldContain(entry => entry["summary"]!.GetValue<string>() == "Changed region, tags by import");

        using var revert = await system.Gateway.PostAsync($"/api/customers/imports/{job["id"]}/revert", null, Token);
        revert.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var reverted = await WaitForAsync(system.Gateway, job["id"]!.GetValue<Guid>(), "Reverted");

        reverted["reverted"]!.GetValue<int>().ShouldBe(2);
        (await GetCustomerAsync(existing))["region"]!.GetValue<string>().ShouldBe("EMEA");
        (await GetCustomerAsync(existing))["tags"]!.AsArray().ShouldBeEmpty();
        using var gone = await system.Gateway.GetAsync($"/api/customers/{created["id"]}", Token);
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var again = await system.Gateway.PostAsync($"/api/customers/imports/{job["id"]}/revert", null, Token);
        (await Problems.ShouldBeCleanProblemAsync(again, 409)).GetProperty("detail").GetString().ShouldBe("This import is Reverted.");
    }

    [Fact]
    public async Task A_revert_leaves_a_record_edited_after_the_import_and_says_so()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var job = await ImportAsync(system.Gateway, "people.csv", Encoding.UTF8.GetBytes($"name,email\nEdited {tag},edited.{tag}@example.com\n"));
        var id = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers?q=edited.{tag}", Token))!["items"]!.AsArray()
            .Single(item => item!["email"]?.GetValue<string>() == $"edited.{tag}@example.com")!["id"]!.GetValue<Guid>();
        using var read = await system.Gateway.GetAsync($"/api/customers/{id}", Token);
        var body = (await read.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        body["region"] = "LATAM";
        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{id}") { Content = JsonContent.Create(body) };
        update.Headers.IfMatch.Add(read.Headers.ETag!);
        (await system.Gateway.SendAsync(update, Token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await system.Gateway.PostAsync($"/api/customers/imports/{job["id"]}/revert", null, Token)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var reverted = await WaitForAsync(system.Gateway, job["id"]!.GetValue<Guid>(), "Reverted");

        (reverted["reverted"]!.GetValue<int>(), reverted["revertConflicts"]!.GetValue<int>()).ShouldBe((0, 1));
        (await GetCustomerAsync(id))["region"]!.GetValue<string>().ShouldBe("LATAM");
        var problems = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers/imports/{job["id"]}/problems", Token))!;
        problems["items"]![0]!["message"]!.GetValue<string>().ShouldContain("changed after the import");
    }

    [Fact]
    public async Task An_xlsx_import_with_an_overridden_mapping_reports_its_bad_rows()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Kunden");
        string[][] cells = [["Kunde", "Land", "Notiz"], [$"Werk {tag}", "DE", "ignored"], [$"Hafen {tag}", "Germany", "ignored"]];
        for (var row = 0; row < cells.Length; row++)
        {
            for (var column = 0; column < cells[row].Length; column++)
            {
                sheet.Cell(row + 1, column + 1).Value = cells[row][column];
            }
        }

        using var file = new MemoryStream();
        workbook.SaveAs(file);

        var job = await ImportAsync(system.Gateway, "kunden.xlsx", file.ToArray(),
            ("mapping", """{"Kunde": "company", "Land": "country", "Notiz": null}"""));

        (job["created"]!.GetValue<int>(), job["failed"]!.GetValue<int>()).ShouldBe((1, 1));
        var problems = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers/imports/{job["id"]}/problems", Token))!["items"]!.AsArray();
        var problem = problems.ShouldHaveSingleItem()!;
        (problem["row"]!.GetValue<int>(), problem["column"]!.GetValue<string>(), problem["skipped"]!.GetValue<bool>()).ShouldBe((3, "Land", false));
        var created = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers?q=Werk {tag}", Token))!["items"]!.AsArray()
            .Single(item => item!["name"]!.GetValue<string>() == $"Werk {tag}")!;
        created["kind"]!.GetValue<string>().ShouldBe("Company");
        created["address"]!["country"]!.GetValue<string>().ShouldBe("DE");
    }

    [Fact]
    public async Task An_import_interrupted_by_a_restart_resumes_and_creates_every_row_once_and_a_revert_removes_them_all()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        const int rows = 3_000;
        var csv = new StringBuilder("name,email,phone\n");
        for (var row = 0; row < rows; row++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Bulk {tag} {row},bulk{row}.{tag}@example.com,+{PhoneDigits(tag, row)}\n");
        }

        var customers = system.App.GetResource<ProjectResource>("customers");
        var job = await StartImportAsync(system.Gateway, "bulk.csv", Encoding.UTF8.GetBytes(csv.ToString()));
        var id = job["id"]!.GetValue<Guid>();
        await Eventually.HoldsAsync(async () => (await ReadJobAsync(system.Gateway, id))["rowsDone"]!.GetValue<int>() > 0, ImportDeadline, "the first batch committed");
        await customers.KillAsync();
        var doneAtKill = await system.CountAsync("customersdb", "select rows_done from import_jobs where id = @id", ("id", id));
        await customers.StartAsync(Token);

        var finished = await WaitForAsync(system.Gateway, id, "Completed");

        doneAtKill.ShouldBeLessThan(rows, "the kill landed before the import finished");
        (finished["created"]!.GetValue<int>(), finished["failed"]!.GetValue<int>(), finished["skipped"]!.GetValue<int>()).ShouldBe((rows, 0, 0));
        (await system.CountAsync("customersdb", "select count(*) from customers where email like @pattern", ("pattern", $"bulk%.{tag}@example.com")))
            .ShouldBe(rows);

        // Thousands of CustomerRegistered events now queue in every service; let them drain so later tests meet no backlog.
        var first = await BulkRowIdAsync(tag, 0);
        var last = await BulkRowIdAsync(tag, rows - 1);
        foreach (var service in CrmSystemFixture.ReplicaServices)
        {
            await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync(service, last), CatchUpDeadline, $"the {service} service caught up with the import");
        }

        // Each batch keeps one record of the customers it created; the revert takes them apart again, a few hundred at a time.
        (await system.Gateway.PostAsync($"/api/customers/imports/{id}/revert", null, Token)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var reverted = await WaitForAsync(system.Gateway, id, "Reverted");

        (reverted["reverted"]!.GetValue<int>(), reverted["revertConflicts"]!.GetValue<int>()).ShouldBe((rows, 0));
        (await system.CountAsync("customersdb", "select count(*) from customers where email like @pattern", ("pattern", $"bulk%.{tag}@example.com")))
            .ShouldBe(0);
        // The revert undoes the newest batch first, so the first row goes in its last group: once every service has that
        // deletion, at most the rest of the group is still in flight. Waiting for the last row alone left ~3,000 behind.
        foreach (var service in CrmSystemFixture.ReplicaServices)
        {
            await Eventually.HoldsAsync(async () => !await system.Gateway.HasCopyAsync(service, last) && !await system.Gateway.HasCopyAsync(service, first),
                CatchUpDeadline, $"the {service} service caught up with the revert");
        }
    }

    private async Task<Guid> BulkRowIdAsync(string tag, int row) =>
        (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers?q={PhoneDigits(tag, row)}", Token))!["items"]!.AsArray()
            .Single(item => item!["email"]!.GetValue<string>() == $"bulk{row}.{tag}@example.com")!["id"]!.GetValue<Guid>();

    /// <summary>
    /// The worker decides a batch while the one before it is still being stored: rows that depend on an earlier batch (a
    /// company it created, a customer it updated, a row it already created) must see that batch as if they ran in turn.
    /// </summary>
    [Fact]
    public async Task Rows_depending_on_the_batch_before_see_it_as_if_the_batches_ran_in_turn()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var existing = await CreateCustomerAsync($"Existing {tag}", $"existing.{tag}@example.com", "EMEA");
        var csv = new StringBuilder("name,email,company,region,tags\n");
        csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Existing {tag},existing.{tag}@example.com,,APAC,\n");
        for (var row = 1; row < 999; row++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Person {tag} {row},p{row}.{tag}@example.com,Firm {tag},,\n");
        }

        // The last row of the first batch of 1,000, and rows of the second that depend on the first.
        csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Dup {tag},dup.{tag}@example.com,,,\n");
        csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Dup again {tag},dup.{tag}@example.com,,,\n");
        csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Existing {tag},existing.{tag}@example.com,,,second\n");
        for (var row = 1002; row < 2000; row++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Person {tag} {row},p{row}.{tag}@example.com,Firm {tag},,\n");
        }

        var job = await ImportAsync(system.Gateway, "two-batches.csv", Encoding.UTF8.GetBytes(csv.ToString()), ("mode", "createAndUpdate"), ("matchOn", "email"));

        (job["created"]!.GetValue<int>(), job["updated"]!.GetValue<int>(), job["skipped"]!.GetValue<int>(), job["failed"]!.GetValue<int>())
            .ShouldBe((1_997, 2, 1, 0));
        var updated = await GetCustomerAsync(existing);
        updated["region"]!.GetValue<string>().ShouldBe("APAC", "the second batch's update is made over the first's, not over an older copy");
        updated["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["second"]);
        (await system.CountAsync("customersdb", "select count(*) from customers where name = @name and kind = 'Company'", ("name", $"Firm {tag}")))
            .ShouldBe(1);
        (await system.CountAsync("customersdb", """
            select count(*) from customers person join customers firm on firm.id = person.company_id
            where person.email like @pattern and firm.name = @name
            """, ("pattern", $"p%.{tag}@example.com"), ("name", $"Firm {tag}"))).ShouldBe(1_996);
        var problems = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers/imports/{job["id"]}/problems", Token))!["items"]!.AsArray();
        problems.Select(problem => (problem!["row"]!.GetValue<int>(), problem["message"]!.GetValue<string>()))
            .ShouldBe([(1_002, "Repeats an earlier row of this file.")]);

        // Two thousand CustomerRegistered events now queue in every service; let them drain so later tests meet no backlog.
        var last = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers?q=p1999.{tag}", Token))!["items"]!.AsArray()
            .Single(item => item!["email"]!.GetValue<string>() == $"p1999.{tag}@example.com")!["id"]!.GetValue<Guid>();
        foreach (var service in CrmSystemFixture.ReplicaServices)
        {
            await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync(service, last), CatchUpDeadline, $"the {service} service caught up with the import");
        }
    }

    [Fact]
    public async Task Imported_customers_get_the_timeline_value_and_events_of_customers_entered_by_hand()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var phone = $"+44 20 {PhoneDigits(tag, 1)}";
        var csv = $"""
            name,email,phone,company,tags
            Ada {tag},ada.{tag}@example.com,{phone},Firma {tag},imported
            """;

        var job = await ImportAsync(system.Gateway, "people.csv", Encoding.UTF8.GetBytes(csv));

        job["created"]!.GetValue<int>().ShouldBe(1, "rows are counted; the company the row names is created with it");
        var person = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers?q=ada.{tag}", Token))!["items"]!.AsArray()
            .Single(item => item!["email"]?.GetValue<string>() == $"ada.{tag}@example.com")!;
        var (personId, companyId) = (person["id"]!.GetValue<Guid>(), person["companyId"]!.GetValue<Guid>());
        (await GetCustomerAsync(companyId))["name"]!.GetValue<string>().ShouldBe($"Firma {tag}");
        var created = (await CustomerHistoryTests.ReadTimelineAsync(system.Gateway, personId)).ShouldHaveSingleItem();
        (created["kind"]!.GetValue<string>(), created["summary"]!.GetValue<string>()).ShouldBe(("customer.created", $"Person Ada {tag} created by import"));
        (created["data"]!["email"]!.GetValue<string>(), created["data"]!["companyId"]!.GetValue<Guid>()).ShouldBe(($"ada.{tag}@example.com", companyId));
        var value = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers/{personId}/value", Token))!;
        (value["customerId"]!.GetValue<Guid>(), value["purchaseCount"]!.GetValue<int>()).ShouldBe((personId, 0));

        // Other services learn of customers only from CustomerRegistered: their copies show the events left the outbox intact.
        foreach (var id in new[] { companyId, personId })
        {
            foreach (var service in CrmSystemFixture.ReplicaServices)
            {
                await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync(service, id), CatchUpDeadline, $"the {service} service has a copy of {id}");
            }
        }

        (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/sales/customers/{personId}", Token))!["name"]!.GetValue<string>().ShouldBe($"Ada {tag}");
        (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/marketing/customers/{personId}", Token))!["email"]!.GetValue<string>()
            .ShouldBe($"ada.{tag}@example.com");
        (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/support/customers/{personId}", Token))!["phone"]!.GetValue<string>().ShouldBe(phone);
    }

    [Fact]
    public async Task A_batch_that_keeps_failing_is_tried_a_limited_number_of_times_then_the_import_fails_with_its_error()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        // A fault no validation foresees: the database refuses this test's rows, and only them, on every try.
        await system.CountAsync("customersdb", $"""
            CREATE FUNCTION refuse_{tag}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.name LIKE 'Poison {tag}%' THEN RAISE EXCEPTION 'refused by the test trigger {tag}'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_{tag} BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION refuse_{tag}();
            """);
        try
        {
            var job = await StartImportAsync(system.Gateway, "poison.csv", Encoding.UTF8.GetBytes($"name,email\nPoison {tag},poison.{tag}@example.com\n"));

            var failed = await WaitForAsync(system.Gateway, job["id"]!.GetValue<Guid>(), "Failed");

            // Customers:Imports:MaxAttempts is 5 by default; the test system's lease is 5 s, so the tries span some 20 s.
            (failed["attempts"]!.GetValue<int>(), failed["rowsDone"]!.GetValue<int>(), failed["created"]!.GetValue<int>()).ShouldBe((5, 0, 0));
            failed["failureReason"]!.GetValue<string>().ShouldStartWith("Stopped after 5 failed tries at the batch from row 2: ");
            failed["failureReason"]!.GetValue<string>().ShouldContain($"refused by the test trigger {tag}");
            (await system.CountAsync("customersdb", "select count(*) from customers where email = @email", ("email", $"poison.{tag}@example.com")))
                .ShouldBe(0);
            using var revert = await system.Gateway.PostAsync($"/api/customers/imports/{job["id"]}/revert", null, Token);
            revert.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            (await WaitForAsync(system.Gateway, job["id"]!.GetValue<Guid>(), "Reverted"))["attempts"]!.GetValue<int>().ShouldBe(0);
        }
        finally
        {
            await system.CountAsync("customersdb", $"DROP TRIGGER refuse_{tag} ON customers; DROP FUNCTION refuse_{tag}();");
        }
    }

    [Fact]
    public async Task Bad_uploads_get_a_problem_naming_the_field_and_only_privileged_roles_may_import()
    {
        using var noFile = await system.Gateway.PostAsync("/api/customers/imports", new MultipartFormDataContent(), Token);
        (await Problems.ShouldBeCleanProblemAsync(noFile, 400)).GetProperty("errors").TryGetProperty("file", out _).ShouldBeTrue();
        using var badMode = await UploadAsync(system.Gateway, "a.csv", "name\nA\n"u8.ToArray(), ("mode", "upsert"));
        (await Problems.ShouldBeCleanProblemAsync(badMode, 400)).GetProperty("errors").TryGetProperty("mode", out _).ShouldBeTrue();
        using var badField = await UploadAsync(system.Gateway, "a.csv", "name,x\nA,1\n"u8.ToArray(), ("mapping", """{"x": "shoeSize"}"""));
        (await Problems.ShouldBeCleanProblemAsync(badField, 400)).GetProperty("errors").TryGetProperty("mapping.x", out _).ShouldBeTrue();
        using var notXlsx = await UploadAsync(system.Gateway, "a.xlsx", "name\nA\n"u8.ToArray());
        (await Problems.ShouldBeCleanProblemAsync(notXlsx, 400)).GetProperty("errors").GetProperty("file")[0].GetString()
            .ShouldBe("The file is not a readable XLSX workbook.");

        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        using var forbidden = await UploadAsync(rep, "a.csv", "name\nA\n"u8.ToArray());
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>Unique per test run and row, so a search by these digits finds exactly one customer.</summary>
    private static string PhoneDigits(string tag, int row) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"1555{Convert.ToInt32(tag[..4], 16):D5}{row:D5}");

    internal static Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] content, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return client.PostAsync("/api/customers/imports", form, Token);
    }

    private static async Task<JsonObject> StartImportAsync(HttpClient client, string fileName, byte[] content, params (string Name, string Value)[] fields)
    {
        using var response = await UploadAsync(client, fileName, content, fields);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Token));
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
    }

    /// <summary>Uploads a file as a background import and waits until it completed.</summary>
    internal static async Task<JsonObject> ImportAsync(HttpClient client, string fileName, byte[] content, params (string Name, string Value)[] fields) =>
        await WaitForAsync(client, (await StartImportAsync(client, fileName, content, fields))["id"]!.GetValue<Guid>(), "Completed");

    private static async Task<JsonObject> WaitForAsync(HttpClient client, Guid id, string status)
    {
        await Eventually.HoldsAsync(async () => (await ReadJobAsync(client, id))["status"]!.GetValue<string>() == status, ImportDeadline, $"the import is {status}");
        return await ReadJobAsync(client, id);
    }

    private static async Task<JsonObject> ReadJobAsync(HttpClient client, Guid id) => (await client.GetFromJsonAsync<JsonObject>($"/api/customers/imports/{id}", Token))!;

    private async Task<Guid> CreateCustomerAsync(string name, string email, string region)
    {
        using var created = await system.Gateway.PostCustomerAsync(new { kind = "Person", name, email, region });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return await created.CreatedIdAsync();
    }

    private async Task<JsonObject> GetCustomerAsync(Guid id) => (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers/{id}", Token))!;
}
