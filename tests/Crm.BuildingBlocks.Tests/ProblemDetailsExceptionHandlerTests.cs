using System.Text.Json;
using Crm.ServiceDefaults.ProblemDetails;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Crm.BuildingBlocks.Tests;

/// <summary>
/// A transaction PostgreSQL aborted because it met a concurrent one is the client's to send again (503 with
/// Retry-After), not a server fault; other database errors stay 500s.
/// </summary>
public sealed class ProblemDetailsExceptionHandlerTests
{
    [Theory]
    [InlineData("40P01")]
    [InlineData("40001")]
    public async Task A_transaction_aborted_for_a_concurrent_one_is_a_503_to_send_again(string sqlState)
    {
        var concurrent = new PostgresException("could not serialize access", "ERROR", "ERROR", sqlState);

        var (response, problem) = await HandleAsync(new DbUpdateException("An error occurred while saving the entity changes.", concurrent));

        response.StatusCode.ShouldBe(StatusCodes.Status503ServiceUnavailable);
        response.Headers.RetryAfter.ToString().ShouldBe("1");
        problem.GetProperty("status").GetInt32().ShouldBe(503);
        problem.GetProperty("detail").GetString().ShouldBe("Nothing was saved; send it again.");
    }

    [Fact]
    public async Task Any_other_database_error_is_a_500_that_tells_nothing_of_it()
    {
        var unique = new PostgresException("duplicate key value violates unique constraint \"pk_secret\"", "ERROR", "ERROR", "23505");

        var (response, problem) = await HandleAsync(unique);

        response.StatusCode.ShouldBe(StatusCodes.Status500InternalServerError);
        response.Headers.RetryAfter.ToString().ShouldBeEmpty();
        problem.GetRawText().ShouldNotContain("pk_secret");
    }

    private static async Task<(HttpResponse Response, JsonElement Problem)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = "/api/things";
        context.Response.Body = new MemoryStream();
        var handler = new ProblemDetailsExceptionHandler(
            services.GetRequiredService<IProblemDetailsService>(), NullLogger<ProblemDetailsExceptionHandler>.Instance);

        (await handler.TryHandleAsync(context, exception, TestContext.Current.CancellationToken)).ShouldBeTrue();

        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        return (context.Response, body.RootElement.Clone());
    }
}
