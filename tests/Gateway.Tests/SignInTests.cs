using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chatt.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Chatt.Gateway.Tests;

[Collection(ChattSystemCollection.Name)]
public sealed class SignInTests(GatewayTestsSystem system)
{
    [Fact]
    public async Task Signing_in_through_the_providers_form_gives_a_session_that_auth_me_reports()
    {
        using var browser = new Browser(system.Gateway.BaseAddress);

        var (landing, landedAt) = await browser.FollowAsync(new HttpRequestMessage(HttpMethod.Get, "/auth/login?returnUrl=%2Fconversations%2F42"));
        Assert.Equal(system.Identity.BaseAddress.Authority, landedAt.Authority);
        landing.Dispose();
        using var back = await browser.SignInAsync("alice", GatewayTestsSystem.AlicePassword, "/conversations/42");
        using var me = await browser.GetAsync("/auth/me");

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal("/conversations/42", back.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Alice", body.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("sub").GetString()));
    }

    [Fact]
    public async Task The_session_cookie_is_HttpOnly_and_holds_no_readable_token()
    {
        using var browser = await system.SignedInBrowserAsync("alice");

        var session = browser.Cookies.GetCookies(browser.Gateway).Where(c => c.Name.StartsWith("chatt.session", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(session);
        Assert.All(session, c => Assert.True(c.HttpOnly));
        // A readable JWT would show as "eyJ<header>.eyJ<payload>"; an encrypted cookie may hold "eyJ" by chance, never that.
        Assert.All(session, c => Assert.DoesNotMatch(@"eyJ[A-Za-z0-9_-]{8,}\.eyJ", c.Value));
    }

    [Fact]
    public async Task Auth_me_without_a_session_answers_401()
    {
        using var browser = new Browser(system.Gateway.BaseAddress);

        using var me = await browser.GetAsync("/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Login_never_returns_the_browser_to_another_site()
    {
        using var browser = new Browser(system.Gateway.BaseAddress);

        using var landing = await browser.SignInAsync("alice", GatewayTestsSystem.AlicePassword, "//evil.example/steal");

        Assert.Equal(system.Gateway.BaseAddress.Authority, landing.RequestMessage!.RequestUri!.Authority);
        Assert.Equal("/", landing.RequestMessage.RequestUri.AbsolutePath);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_hands_the_page_a_same_origin_url_without_any_token()
    {
        using var browser = await system.SignedInBrowserAsync("alice");

        using var signOut = await browser.SignOutAsync();
        var body = await signOut.Content.ReadAsStringAsync();
        using var me = await browser.GetAsync("/auth/me");

        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        Assert.Equal("/auth/endsession", JsonDocument.Parse(body).RootElement.GetProperty("endSessionUrl").GetString());
        Assert.DoesNotContain("eyJ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("id_token", body, StringComparison.Ordinal);
        // Nor in any cookie the page's scripts could read.
        Assert.All(browser.Cookies.GetAllCookies().Where(c => !c.HttpOnly), c => Assert.DoesNotContain("eyJ", c.Value, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task The_end_session_step_sends_the_browser_to_the_provider_with_the_id_token_hint_added_by_the_gateway_once()
    {
        using var browser = await system.SignedInBrowserAsync("bob");
        var subject = (await browser.MeAsync()).GetProperty("sub").GetString();
        using var signOut = await browser.SignOutAsync();

        using var endSession = await browser.GetAsync("/auth/endsession");
        using var again = await browser.GetAsync("/auth/endsession");

        Assert.Equal(HttpStatusCode.Redirect, endSession.StatusCode);
        var location = endSession.Headers.Location!;
        Assert.StartsWith(new Uri(system.Identity.BaseAddress, "/connect/endsession").ToString(), location.ToString(), StringComparison.Ordinal);
        var hint = QueryHelpers.ParseQuery(location.Query)["id_token_hint"].ToString();
        Assert.Equal(subject, new JsonWebToken(hint).Subject);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_end_session_step_without_a_sign_out_goes_home_and_ends_nothing()
    {
        using var browser = await system.SignedInBrowserAsync("alice");

        // As a link from another site would open it: no pending sign-out of this browser.
        using var endSession = await browser.GetAsync("/auth/endsession");
        using var me = await browser.GetAsync("/auth/me");

        Assert.Equal(HttpStatusCode.Redirect, endSession.StatusCode);
        Assert.Equal("/", endSession.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Signing_out_revokes_the_sessions_refresh_token_at_the_provider()
    {
        using var browser = await system.SignedInBrowserAsync("bob");
        var subject = (await (await browser.GetAsync("/auth/me")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sub").GetString()!;
        var before = await RevokedRefreshTokensAsync(subject);

        using var signOut = await browser.SignOutAsync();

        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        Assert.True(await RevokedRefreshTokensAsync(subject) > before, "the refresh token of the signed-out session is revoked at the provider");
    }

    /// <summary>Reads the provider's token store in a fresh scope (a long-lived one would see its own cached rows).</summary>
    private async Task<int> RevokedRefreshTokensAsync(string subject)
    {
        await using var scope = system.Identity.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictTokenManager>();
        var revoked = 0;
        await foreach (var token in tokens.FindBySubjectAsync(subject))
        {
            if (await tokens.GetTypeAsync(token) == OpenIddict.Abstractions.OpenIddictConstants.TokenTypeIdentifiers.RefreshToken
                && await tokens.GetStatusAsync(token) == OpenIddict.Abstractions.OpenIddictConstants.Statuses.Revoked)
            {
                revoked++;
            }
        }

        return revoked;
    }

    [Fact]
    public async Task After_the_providers_end_session_the_browser_comes_back_to_the_app()
    {
        using var browser = await system.SignedInBrowserAsync("alice");
        using var signOut = await browser.SignOutAsync();
        var endSession = (await signOut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("endSessionUrl").GetString()!;

        var (landing, uri) = await browser.FollowAsync(new HttpRequestMessage(HttpMethod.Get, endSession));

        using (landing)
        {
            Assert.Equal(system.Gateway.BaseAddress.Authority, uri.Authority);
            Assert.Equal("/", uri.AbsolutePath);
            Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        }
    }

    [Fact]
    public async Task A_copy_of_the_cookie_taken_before_sign_out_no_longer_works()
    {
        using var browser = await system.SignedInBrowserAsync("alice");
        var stolen = browser.GatewayCookieHeader;

        using var signOut = await browser.SignOutAsync();
        using var replay = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = system.Gateway.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        request.Headers.Add("Cookie", stolen);
        using var me = await replay.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }
}
