using System.Net;
using System.Text;
using System.Text.Json;
using Crm.EndToEnd.Tests.Infrastructure;
using Shouldly;

namespace Crm.EndToEnd.Tests;

public sealed class ValidationTests(CrmSystemFixture system)
{
    [Theory]
    [InlineData("""{"kind":"Company","name":"Acme","email":"not-an-email"}""", "email")]
    [InlineData("""{"kind":"Company","name":""}""", "name")]
    [InlineData("""{"name":"Acme"}""", "kind")]
    [InlineData("""{"kind":"Planet","name":"Acme"}""", "kind")]
    [InlineData("""{"kind":"Company","name":"Acme","phone":"call me"}""", "phone")]
    [InlineData("""{"kind":"Company","name":42}""", "name")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string json, string field)
    {
        using var response = await PostRawAsync(json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        problem.RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.RootElement.ToString());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_without_internals()
    {
        using var response = await PostRawAsync("""{"kind":"Company","name":""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.ShouldContain("traceId");
        body.ShouldNotContain("   at ");
        body.ShouldNotContain("Exception");
    }

    private Task<HttpResponseMessage> PostRawAsync(string json) =>
        system.Gateway.PostAsync("/api/customers", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
}
