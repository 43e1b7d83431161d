using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Chatt.Gateway.Tests.Infrastructure;

namespace Chatt.Gateway.Tests;

[Collection(ChattSystemCollection.Name)]
public sealed class ProxyTests(GatewayTestsSystem system)
{
    [Fact]
    public async Task A_query_with_only_the_session_cookie_runs_at_ChatApi_as_the_signed_in_user()
    {
        using var browser = await system.SignedInBrowserAsync("alice");

        var data = await browser.QueryAsync("{ me { username } }");

        Assert.Equal("alice", data.GetProperty("me").GetProperty("username").GetString());
    }

    [Fact]
    public async Task A_request_with_its_own_bearer_token_passes_through_untouched_without_cookie_or_CSRF_header()
    {
        var bobsToken = await system.AccessTokenAsync("bob");
        using var client = new HttpClient { BaseAddress = system.Gateway.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bobsToken);

        using var response = await client.PostAsJsonAsync("/graphql", new { query = "{ me { username } }" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bob", body.GetProperty("data").GetProperty("me").GetProperty("username").GetString());
    }

    [Fact]
    public async Task A_bearer_token_wins_over_the_session_cookie_sent_beside_it()
    {
        var bobsToken = await system.AccessTokenAsync("bob");
        using var alicesBrowser = await system.SignedInBrowserAsync("alice");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ me { username } }" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bobsToken);

        using var response = await alicesBrowser.SendAsync(request);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bob", body.GetProperty("data").GetProperty("me").GetProperty("username").GetString());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    public async Task An_anonymous_graphql_request_gets_401_and_never_a_redirect(string method)
    {
        using var browser = new Browser(system.Gateway.BaseAddress);
        using var request = new HttpRequestMessage(new HttpMethod(method), method == "GET" ? "/graphql?query=%7Bme%7Bid%7D%7D" : "/graphql")
        {
            Content = method == "GET" ? null : JsonContent.Create(new { query = "{ me { id } }" }),
        };
        request.Headers.Add("X-CSRF", "1");

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("unauthenticated", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}
