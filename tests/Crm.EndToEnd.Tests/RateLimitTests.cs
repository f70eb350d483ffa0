using System.Net;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests;

/// <summary>OWASP API4 (unrestricted resource consumption): a burst beyond a user's limit is refused, per user.</summary>
public sealed class RateLimitTests(CrmSystemFixture system)
{
    [Fact]
    public async Task A_burst_beyond_the_per_user_limit_is_a_429_with_retry_after_and_other_users_go_on()
    {
        using var greedy = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        using var other = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));

        HttpResponseMessage? refused = null;
        var sent = 0;
        // Bounded: twice the limit covers a burst that straddles the start of a new window.
        while (refused is null && sent < 2 * CrmSystemFixture.PerUserRateLimit + 100)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => greedy.GetAsync("/api/nothing-here", TestContext.Current.CancellationToken)));
            sent += batch.Length;
            refused = batch.FirstOrDefault(response => response.StatusCode == HttpStatusCode.TooManyRequests);
            foreach (var response in batch.Where(response => response != refused))
            {
                response.Dispose();
            }
        }

        refused.ShouldNotBeNull($"no 429 after {sent} requests");
        sent.ShouldBeGreaterThan(CrmSystemFixture.PerUserRateLimit / 2, "the limit is not hit early");
        refused.Headers.RetryAfter?.Delta.ShouldNotBeNull();
        refused.Headers.RetryAfter!.Delta!.Value.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        await Problems.ShouldBeCleanProblemAsync(refused, 429);
        refused.Dispose();

        using var otherUser = await other.GetAsync("/api/nothing-here", TestContext.Current.CancellationToken);
        otherUser.StatusCode.ShouldBe(HttpStatusCode.NotFound, "another user has a limit of their own");
    }
}
