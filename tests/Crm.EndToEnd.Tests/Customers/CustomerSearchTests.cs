using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Npgsql;

namespace Crm.EndToEnd.Tests.Customers;

/// <summary>The ranked search and the rating filter of the customer list.</summary>
public sealed class CustomerSearchTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_exact_name_comes_first_then_names_starting_with_it_then_names_containing_it_and_paging_keeps_that_order()
    {
        var word = UniqueWord("Rankle");
        // Created worst first, so neither creation order nor name order could produce the expected order by accident.
        var containing = await CreateAsync($"Aaa {word} Works");
        var starting = await CreateAsync($"{word} Holding");
        var exact = await CreateAsync(word);

        (await SearchIdsAsync(word.ToUpperInvariant(), pageSize: 10)).ShouldBe([exact, starting, containing]);

        var paged = new List<Guid>();
        string? cursor = null;
        for (var page = 0; page < 5; page++)
        {
            var body = await GetAsync($"/api/customers?q={word}&pageSize=1" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            paged.AddRange(body["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>()));
            cursor = body["nextCursor"]?.GetValue<string>();
            if (cursor is null)
            {
                break;
            }
        }

        paged.ShouldBe([exact, starting, containing]);
    }

    [Fact]
    public async Task Close_spellings_are_offered_only_when_nothing_matches_as_typed()
    {
        var word = UniqueWord("Quibble");
        var id = await CreateAsync($"{word} Logistics");

        (await SearchIdsAsync("Qv" + word[2..], pageSize: 200)).ShouldContain(id);
        (await SearchIdsAsync(word, pageSize: 200)).ShouldBe([id]);
    }

    [Fact]
    public async Task A_one_letter_typo_finds_the_customer_first_before_names_that_are_less_alike()
    {
        var letters = UniqueWord("");
        var meant = await CreateAsync($"Zephyrine{letters} Logistics");
        // Sorts first by name and is also a close spelling of the typo, but a less close one.
        var lessAlike = await CreateAsync($"Aephyrinex{letters} Logistics");

        var found = await SearchIdsAsync($"Zephyrne{letters}", pageSize: 10);

        found.First().ShouldBe(meant);
        found.ShouldContain(lessAlike);
    }

    [Fact]
    public async Task A_name_with_letters_beyond_ascii_is_an_exact_match_in_any_letter_case()
    {
        var word = UniqueWord("Straße");
        // Were the text lower-cased outside the database, Ä, İ and ß could fold differently and the exact name would drop to
        // "contains", behind this one by name.
        var containing = await CreateAsync($"Aaa Ärzte İzmir {word}");
        var exact = await CreateAsync($"Ärzte İzmir {word}");

        (await SearchIdsAsync($"Ärzte İzmir {word}", pageSize: 10)).ShouldBe([exact, containing]);
        (await SearchIdsAsync($"Ärzte İzmir {word}".ToUpperInvariant(), pageSize: 10)).ShouldBe([exact, containing]);
    }

    [Fact]
    public async Task The_rating_filter_lists_the_customers_of_a_grade_in_any_letter_case()
    {
        var tag = $"g{Guid.NewGuid():N}"[..16];
        var rich = await CreateAsync($"Rich {tag}", tag);
        var prospect = await CreateAsync($"Prospect {tag}", tag);
        using (var purchase = await system.Gateway.PostAsJsonAsync($"/api/customers/{rich}/purchases",
            new { purchasedAt = DateTimeOffset.UtcNow.AddDays(-1), amount = 60_000m, currency = "EUR", items = Array.Empty<object>() }, Token))
        {
            purchase.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var richGrade = await GradeAsync(rich);
        richGrade.ShouldNotBe(await GradeAsync(prospect));
        foreach (var sort in new[] { "name", "-createdAt" })
        {
            var listed = (await GetAsync($"/api/customers?tag={tag}&grade={richGrade.ToLowerInvariant()}&sort={sort}"))["items"]!.AsArray()
                .Select(item => item!["id"]!.GetValue<Guid>());
            listed.ShouldBe([rich], sort);
        }

        using var export = await system.Gateway.GetAsync($"/api/customers/exports?tag={tag}&grade={richGrade}", Token);
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csv = await export.Content.ReadAsStringAsync(Token);
        csv.ShouldContain(rich.ToString());
        csv.ShouldNotContain(prospect.ToString());
    }

    [Theory]
    [InlineData("/api/customers?grade=Z9")]
    [InlineData("/api/customers/exports?grade=Z9")]
    public async Task An_unknown_grade_is_a_400_naming_grade(string path)
    {
        using var response = await system.Gateway.GetAsync(path, Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await Problems.ShouldBeCleanProblemAsync(response, 400);
        problem.GetProperty("errors").TryGetProperty("grade", out _).ShouldBeTrue(problem.GetRawText());
    }

    [Fact]
    public async Task A_word_forgotten_by_one_rename_while_another_learns_it_stays_in_the_dictionary()
    {
        var word = UniqueWord("Vorpal");
        var leaving = await CreateAsync($"{word} Alpha");
        var arriving = await CreateAsync($"Plain {UniqueWord("")}");
        var connectionString = new NpgsqlConnectionStringBuilder(system.App.GetConnectionString("customersdb")) { Pooling = false }.ConnectionString;
        await using var learner = new NpgsqlConnection(connectionString);
        await using var forgetter = new NpgsqlConnection(connectionString);
        await learner.OpenAsync(Token);
        await forgetter.OpenAsync(Token);

        // The learner renames a customer to the word and has not committed when the word's last holder is renamed away.
        await using var learning = await learner.BeginTransactionAsync(Token);
        await RenameAsync(learner, arriving, $"{word} Beta");
        var forgetting = RenameAsync(forgetter, leaving, $"Gone {UniqueWord("")}");
        await Task.WhenAny(forgetting, Task.Delay(TimeSpan.FromSeconds(1), Token));
        forgetting.IsCompleted.ShouldBeFalse("forgetting the word waits for the writer that is learning it");
        await learning.CommitAsync(Token);
        await forgetting;

        (await system.CountAsync("customersdb", "SELECT count(*) FROM customer_name_words WHERE word = @word", ("word", word.ToLowerInvariant())))
            .ShouldBe(1);
    }

    private static async Task RenameAsync(NpgsqlConnection connection, Guid id, string name)
    {
        await using var command = new NpgsqlCommand("UPDATE customers SET name = @name WHERE id = @id", connection)
        {
            Parameters = { new("name", name), new("id", id) },
        };
        (await command.ExecuteNonQueryAsync(Token)).ShouldBe(1);
    }

    /// <summary>Letters only: digits in the search text would also match other tests' phone numbers.</summary>
    private static string UniqueWord(string start) =>
        start + string.Concat($"{Guid.NewGuid():N}{Guid.NewGuid():N}".Where(char.IsAsciiLetter).Take(8));

    private async Task<Guid> CreateAsync(string name, string? tag = null)
    {
        var body = JsonNode.Parse(JsonSerializer.Serialize(CustomerRequests.NewCompany(name)))!.AsObject();
        if (tag is not null)
        {
            body["tags"] = new JsonArray(tag);
        }

        // Names this alike are possible duplicates; here they are meant.
        using var created = await system.Gateway.PostAsJsonAsync("/api/customers?onDuplicate=allow", body, Token);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        return await created.CreatedIdAsync();
    }

    private async Task<string> GradeAsync(Guid id) =>
        (await GetAsync($"/api/customers/{id}/value"))["rating"]!["grade"]!.GetValue<string>();

    private async Task<List<Guid>> SearchIdsAsync(string q, int pageSize) =>
        [.. (await GetAsync($"/api/customers?q={Uri.EscapeDataString(q)}&pageSize={pageSize}"))["items"]!.AsArray()
            .Select(item => item!["id"]!.GetValue<Guid>())];

    private async Task<JsonObject> GetAsync(string path)
    {
        using var response = await system.Gateway.GetAsync(path, Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
    }
}
