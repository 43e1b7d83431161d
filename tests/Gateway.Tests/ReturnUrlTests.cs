using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chatt.Gateway.Tests.Infrastructure;

namespace Chatt.Gateway.Tests;

/// <summary>
/// The gateway's <c>returnUrl</c> as a damaged or hostile link carries it: refused with 400 before the provider is
/// involved when it holds control characters; a non-ASCII path completes the sign-in and lands there, encoded.
/// </summary>
[Collection(ChattSystemCollection.Name)]
public sealed class ReturnUrlTests(GatewayTestsSystem system)
{
    [Theory]
    [InlineData("%2Fx%0D%0ASet-Cookie%3A%20a%3Db")]
    [InlineData("%2F%09%2Fevil.example")]
    [InlineData("%2Fa%00b")]
    [InlineData("%2Fa%C2%85b")]
    public async Task A_return_address_with_control_characters_is_refused_and_no_sign_in_starts(string encoded)
    {
        using var browser = new Browser(system.Gateway.BaseAddress);

        using var response = await browser.GetAsync("/auth/login?returnUrl=" + encoded);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_return_url", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Null(response.Headers.Location);
        Assert.False(response.Headers.Contains("Set-Cookie"), "a correlation or nonce cookie means a sign-in was started");
    }

    [Fact]
    public async Task A_non_ASCII_return_address_completes_the_sign_in_and_lands_there_encoded()
    {
        using var browser = new Browser(system.Gateway.BaseAddress);

        using var landing = await browser.SignInAsync("alice", GatewayTestsSystem.AlicePassword, "/conversations/ü✓");
        using var me = await browser.GetAsync("/auth/me");

        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal("/conversations/%C3%BC%E2%9C%93", landing.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }
}
