using System.Net;
using Crm.EndToEnd.Tests.Infrastructure;
using Shouldly;

namespace Crm.EndToEnd.Tests;

public sealed class IdempotencyTests(CrmSystemFixture system)
{
    [Fact]
    public async Task A_post_retried_with_the_same_idempotency_key_creates_one_customer()
    {
        var name = $"Retried {Guid.NewGuid():N}";
        var body = CustomerRequests.NewCompany(name);
        var key = Guid.NewGuid().ToString();

        using var first = await system.Gateway.PostCustomerAsync(body, request => request.Headers.Add("Idempotency-Key", key));
        using var retry = await system.Gateway.PostCustomerAsync(body, request => request.Headers.Add("Idempotency-Key", key));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await retry.CreatedIdAsync()).ShouldBe(await first.CreatedIdAsync());
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await system.CountAsync("customersdb", "select count(*) from customers where name = @name", ("name", name))).ShouldBe(1);
    }

    [Fact]
    public async Task Reusing_a_key_for_a_different_request_is_refused()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany(), request => request.Headers.Add("Idempotency-Key", key));
        using var other = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany(), request => request.Headers.Add("Idempotency-Key", key));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        other.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Posts_without_a_key_are_not_deduplicated()
    {
        var name = $"Twice {Guid.NewGuid():N}";
        using var first = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany(name));
        // The same name twice is a possible duplicate, which the client accepts here: only idempotency is under test.
        using var second = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany(name),
            request => request.RequestUri = new Uri("/api/customers?onDuplicate=allow", UriKind.Relative));

        (await second.CreatedIdAsync()).ShouldNotBe(await first.CreatedIdAsync());
        (await system.CountAsync("customersdb", "select count(*) from customers where name = @name", ("name", name))).ShouldBe(2);
    }
}
