using System.Text.Json;

namespace Crm.EndToEnd.Tests.Infrastructure;

public static class Problems
{
    /// <summary>OWASP API8: an error is RFC 9457 problem details and gives away nothing about the server's insides.</summary>
    public static async Task<JsonElement> ShouldBeCleanProblemAsync(HttpResponseMessage response, int status)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        foreach (var leak in new[] { "Exception", "   at ", "Npgsql", "StackTrace", ".cs:line" })
        {
            body.ShouldNotContain(leak);
        }

        response.Headers.Contains("Server").ShouldBeFalse("no server banner");
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.GetProperty("status").GetInt32().ShouldBe(status);
        return problem;
    }
}
