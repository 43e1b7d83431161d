using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chatt.Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Chatt.Gateway.Tests.SecondProvider;

/// <summary>
/// "Plug in any OpenID Connect provider", proven with one Chatt's code was not written against: the gateway signs
/// in at oidc-provider, calls ChatApi with its tokens, refreshes them and signs out at its end-session endpoint;
/// ChatApi validates its JWTs through discovery and JWKS, RS256 and ES256, across a key rotation.
/// </summary>
[Collection(SecondProviderCollection.Name)]
public sealed partial class SecondProviderTests(SecondProviderSystem system)
{
    [Fact]
    public async Task Signing_in_at_oidc_provider_gives_a_gateway_session_whose_GraphQL_calls_reach_ChatApi_as_that_user()
    {
        using var browser = await system.Plain.SignedInBrowserAsync("dora");

        var me = await browser.QueryAsync("{ me { id username } }");
        using var session = await browser.GetAsync("/auth/me");

        Assert.Equal("dora", me.GetProperty("me").GetProperty("username").GetString());
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal("acct-dora", (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sub").GetString());
    }

    [Fact]
    public async Task The_gateway_refreshes_the_session_at_oidc_provider_and_the_refreshed_token_still_reaches_ChatApi()
    {
        var setup = system.Plain;
        using var browser = await setup.SignedInBrowserAsync("erin", setup.RefreshingGateway);
        var signedIn = browser.GatewayCookieHeader;

        var first = await browser.QueryAsync("{ me { username } }");
        var afterFirst = browser.GatewayCookieHeader;
        var second = await browser.QueryAsync("{ me { username } }");

        Assert.NotEqual(signedIn, afterFirst);
        Assert.NotEqual(afterFirst, browser.GatewayCookieHeader);
        Assert.Equal("erin", first.GetProperty("me").GetProperty("username").GetString());
        Assert.Equal("erin", second.GetProperty("me").GetProperty("username").GetString());
    }

    [Fact]
    public async Task Signing_out_ends_the_session_at_oidc_providers_end_session_endpoint_and_comes_back_to_the_app()
    {
        var setup = system.Plain;
        using var browser = await setup.SignedInBrowserAsync("finn");

        using var signOut = await browser.SignOutAsync();
        var endSession = (await signOut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("endSessionUrl").GetString()!;
        var (confirm, confirmUri) = await browser.FollowAsync(new HttpRequestMessage(HttpMethod.Get, endSession));
        var form = LogoutForm().Match(await confirm.Content.ReadAsStringAsync());
        Assert.True(form.Success, "the provider's sign-out confirmation form");
        var (landing, landingUri) = await browser.FollowAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(confirmUri, form.Groups["action"].Value))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["xsrf"] = form.Groups["xsrf"].Value, ["logout"] = "yes" }),
        });
        using var me = await browser.GetAsync("/auth/me");
        // Signed out at the provider too: a new sign-in shows its form again instead of passing straight through.
        var (again, againUri) = await browser.FollowAsync(new HttpRequestMessage(HttpMethod.Get, "/auth/login"));

        Assert.Equal("/auth/endsession", endSession);
        Assert.Contains(browser.Hops, hop => hop.ToString().StartsWith(new Uri(setup.Provider.BaseAddress, "session/end").ToString(), StringComparison.Ordinal));
        Assert.Equal(setup.Gateway.BaseAddress.Authority, landingUri.Authority);
        Assert.Equal("/", landingUri.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.StartsWith("/interaction/", againUri.AbsolutePath, StringComparison.Ordinal);
        confirm.Dispose();
        landing.Dispose();
        again.Dispose();
    }

    [Fact]
    public async Task ChatApi_accepts_RS256_access_tokens_it_verified_through_the_providers_discovery_and_jwks()
    {
        var setup = system.Plain;
        var token = await setup.Provider.AccessTokenAsync("gus", setup.Gateway.BaseAddress);

        var me = await QueryChatApiAsync(setup.ChatApi, token);

        Assert.Equal("RS256", new JsonWebToken(token).Alg);
        Assert.Equal("gus", me.GetProperty("me").GetProperty("username").GetString());
    }

    [Fact]
    public async Task ChatApi_accepts_ES256_access_tokens_from_an_issuer_whose_iss_ends_in_a_slash()
    {
        var setup = system.Variant;
        var token = await setup.Provider.AccessTokenAsync("hana", setup.Gateway.BaseAddress);

        var me = await QueryChatApiAsync(setup.ChatApi, token);

        var jwt = new JsonWebToken(token);
        Assert.Equal("ES256", jwt.Alg);
        Assert.EndsWith("/", jwt.Issuer, StringComparison.Ordinal);
        Assert.False(me.GetProperty("me").GetProperty("id").GetString() is null or "");
    }

    [Fact]
    public async Task A_provider_that_sends_only_sub_and_email_gives_a_working_sign_in_and_a_username_from_the_email()
    {
        var setup = system.Variant;
        using var browser = await setup.SignedInBrowserAsync("iris");

        var me = await browser.QueryAsync("{ me { id username } }");

        // The address's local part: the whole address would show every user's email to everyone.
        Assert.Equal("iris", me.GetProperty("me").GetProperty("username").GetString());
    }

    [Fact]
    public async Task After_the_provider_rotates_its_signing_keys_ChatApi_accepts_tokens_signed_with_the_new_key_without_a_restart()
    {
        var setup = system.Rotating;
        var before = await setup.Provider.AccessTokenAsync("jon", setup.Gateway.BaseAddress);
        await QueryChatApiAsync(setup.ChatApi, before);

        var newKids = await setup.Provider.RotateKeysAsync();
        var after = await setup.Provider.AccessTokenAsync("jon", setup.Gateway.BaseAddress);
        var me = await QueryChatApiAsync(setup.ChatApi, after);

        Assert.Contains(new JsonWebToken(after).Kid, newKids);
        Assert.NotEqual(new JsonWebToken(before).Kid, new JsonWebToken(after).Kid);
        Assert.Equal("jon", me.GetProperty("me").GetProperty("username").GetString());
    }

    [Fact]
    public async Task A_refused_token_says_why_in_WWW_Authenticate()
    {
        var plain = system.Plain;
        var fromOtherProvider = await system.Variant.Provider.AccessTokenAsync("kai", system.Variant.Gateway.BaseAddress);
        var valid = await plain.Provider.AccessTokenAsync("kai", plain.Gateway.BaseAddress);
        var parts = valid.Split('.');
        var tampered = $"{parts[0]}.{parts[1]}.{parts[2][..^4]}AAAA";

        var wrongIssuer = await ChallengeAsync(plain.ChatApi, fromOtherProvider);
        var badSignature = await ChallengeAsync(plain.ChatApi, tampered);
        var none = await ChallengeAsync(plain.ChatApi, null);

        Assert.Contains("error=\"invalid_token\"", wrongIssuer, StringComparison.Ordinal);
        Assert.Matches("error_description=\"The (issuer|signature key was not found)", wrongIssuer);
        Assert.Contains("error_description=\"The signature is invalid\"", badSignature, StringComparison.Ordinal);
        Assert.Equal("Bearer", none);
    }

    private static async Task<string> ChallengeAsync(ChatApiHost chatApi, string? accessToken)
    {
        using var http = new HttpClient { BaseAddress = chatApi.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ me { id } }"}""", Encoding.UTF8, "application/json"),
        };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return response.Headers.WwwAuthenticate.ToString();
    }

    private static async Task<JsonElement> QueryChatApiAsync(ChatApiHost chatApi, string accessToken)
    {
        using var http = new HttpClient { BaseAddress = chatApi.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ me { id username } }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {response.Headers.WwwAuthenticate}: {body}");
        var root = JsonDocument.Parse(body).RootElement;
        Assert.False(root.TryGetProperty("errors", out var errors), errors.ToString());
        return root.GetProperty("data").Clone();
    }

    [GeneratedRegex("<form id=\"op.logoutForm\" method=\"post\" action=\"(?<action>[^\"]+)\"><input type=\"hidden\" name=\"xsrf\" value=\"(?<xsrf>[^\"]+)\"")]
    private static partial Regex LogoutForm();
}
