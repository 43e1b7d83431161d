using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chatt.Gateway.Tests.Infrastructure;

namespace Chatt.Gateway.Tests;

[Collection(ChattSystemCollection.Name)]
public sealed class CrossSiteTests(GatewayTestsSystem system)
{
    private const string CreateConvo = "mutation($name: String!) { createConvo(input: { name: $name, members: [] }) { id name } }";
    private const string MyConvoNames = "{ myConvos(limit: 100) { items { name } } }";

    [Fact]
    public async Task A_cookie_authenticated_mutation_without_the_CSRF_header_is_refused_with_403_and_not_executed()
    {
        using var browser = await system.SignedInBrowserAsync("alice");
        var name = "csrf-" + Guid.NewGuid().ToString("N");

        using var refused = await browser.PostGraphQLAsync(CreateConvo, new { name }, csrf: false);
        var mine = await browser.QueryAsync(MyConvoNames);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("csrf_header_missing", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.DoesNotContain(name, mine.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_mutation_with_the_CSRF_header_is_executed()
    {
        using var browser = await system.SignedInBrowserAsync("alice");
        var name = "csrf-ok-" + Guid.NewGuid().ToString("N");

        var created = await browser.QueryAsync(CreateConvo, new { name });

        Assert.Equal(name, created.GetProperty("createConvo").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Sign_out_without_the_CSRF_header_is_refused_and_the_session_lives_on()
    {
        using var browser = await system.SignedInBrowserAsync("alice");

        using var signOut = await browser.SignOutAsync(csrf: false);
        using var me = await browser.GetAsync("/auth/me");

        Assert.Equal(HttpStatusCode.Forbidden, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task A_WebSocket_upgrade_from_another_sites_page_is_refused_with_403()
    {
        using var browser = await system.SignedInBrowserAsync("alice");

        var status = await GraphQLSocket.RefusalOfAsync(system.Gateway.WebSocketUri, new GraphQLSocketOptions { Cookies = browser.Cookies, Origin = "https://evil.example" });

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task A_cookie_WebSocket_upgrade_without_an_Origin_is_refused_with_403()
    {
        using var browser = await system.SignedInBrowserAsync("alice");

        var status = await GraphQLSocket.RefusalOfAsync(system.Gateway.WebSocketUri, new GraphQLSocketOptions { Cookies = browser.Cookies });

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_the_proxied_ones_included()
    {
        using var browser = await system.SignedInBrowserAsync("alice");

        using var page = await browser.GetAsync("/");
        using var api = await browser.PostGraphQLAsync("{ me { id } }");
        using var refused = await new Browser(system.Gateway.BaseAddress).GetAsync("/auth/me");

        foreach (var response in new[] { page, api, refused })
        {
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains($"connect-src 'self' ws://{system.Gateway.BaseAddress.Authority}", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }
}
