using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chatt.Gateway.Tests.Infrastructure;

namespace Chatt.Gateway.Tests;

[Collection(ChattSystemCollection.Name)]
public sealed class RateLimitTests(GatewayTestsSystem system)
{
    [Fact]
    public async Task A_user_over_the_graphql_limit_gets_429_while_another_user_from_the_same_address_goes_on()
    {
        using var alice = await system.SignedInBrowserAsync("alice", system.LimitedGateway);
        using var bob = await system.SignedInBrowserAsync("bob", system.LimitedGateway);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= GatewayTestsSystem.LimitedGraphQLPermits; i++)
        {
            using var response = await alice.PostGraphQLAsync("{ me { id } }");
            statuses.Add(response.StatusCode);
        }

        using var bobs = await bob.PostGraphQLAsync("{ me { id } }");

        Assert.All(statuses.Take(GatewayTestsSystem.LimitedGraphQLPermits), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, bobs.StatusCode);
    }

    [Fact]
    public async Task Anonymous_auth_requests_over_the_limit_of_their_address_get_429_with_Retry_After()
    {
        await using var gateway = new GatewayServer(system.Identity, system.ChatApi, settings: new Dictionary<string, string?>
        {
            ["RateLimits:Auth:PermitLimit"] = "2",
            ["RateLimits:Auth:Window"] = "00:10:00",
        });
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        using var first = await client.GetAsync("/auth/me");
        using var second = await client.GetAsync("/auth/me");
        using var third = await client.GetAsync("/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal("rate_limited", (await third.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}
