using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Chatt.Identity.Tests;

public sealed class AuthorizationCodeFlowTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task The_discovery_document_lists_the_endpoints_and_the_code_flow_with_PKCE()
    {
        using var client = factory.CreateBrowser();

        using var discovery = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration"));
        var root = discovery.RootElement;

        Assert.Equal("http://localhost/", root.GetProperty("issuer").GetString());
        Assert.Equal("http://localhost/connect/authorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("http://localhost/connect/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal("http://localhost/connect/userinfo", root.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal("http://localhost/connect/endsession", root.GetProperty("end_session_endpoint").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("jwks_uri").GetString()));
        Assert.Equal(["code"], root.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("authorization_code", root.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("refresh_token", root.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["S256"], root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("chatt-api", root.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_user_signs_in_with_code_and_PKCE_and_gets_a_JWT_access_token_that_validates_against_the_published_keys()
    {
        using var browser = factory.CreateBrowser();

        var tokens = await OidcClient.GetTokensAsync(browser, "alice", "alice-dev-password");

        var discovery = await OidcClient.DiscoverAsync(browser);
        var result = await OidcClient.ValidateAsync(discovery, tokens.AccessToken);
        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal("alice", token.GetClaim("preferred_username").Value);
        Assert.Equal("Alice", token.GetClaim("name").Value);
        Assert.Matches("^[0-9a-f]{32}$", token.Subject);
        Assert.Contains("chatt-api", token.Audiences);
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.NotNull(tokens.RefreshToken);

        var idToken = new JsonWebToken(tokens.IdToken);
        Assert.Equal(token.Subject, idToken.Subject);
        Assert.Equal("nonce-1", idToken.GetClaim("nonce").Value);
    }

    [Fact]
    public async Task The_same_user_always_gets_the_same_subject()
    {
        using var first = factory.CreateBrowser();
        using var second = factory.CreateBrowser();

        var one = new JsonWebToken((await OidcClient.GetTokensAsync(first, "bob", "bob-dev-password")).AccessToken);
        var two = new JsonWebToken((await OidcClient.GetTokensAsync(second, "BOB", "bob-dev-password")).AccessToken);

        Assert.Equal(one.Subject, two.Subject);
        Assert.Equal("bob", two.GetClaim("preferred_username").Value);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_nothing_is_issued()
    {
        using var browser = factory.CreateBrowser();
        var pkce = OidcClient.Pkce.Create();
        var fields = await OidcClient.OpenSignInPageAsync(browser, pkce);
        fields["Username"] = "alice";
        fields["Password"] = "not-alices-password";

        var signIn = await OidcClient.PostFormAsync(browser, "/account/signin", fields);

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Contains("Wrong username or password.", await signIn.Content.ReadAsStringAsync());
        Assert.False(signIn.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".chatt.identity=", StringComparison.Ordinal)));
        var again = await browser.GetAsync(OidcClient.AuthorizeUrl(pkce));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.DoesNotContain("code=", again.Headers.Location!.ToString());
        Assert.Contains("/account/signin", again.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = factory.CreateBrowser();
        var fields = await OidcClient.OpenSignInPageAsync(browser, OidcClient.Pkce.Create());
        fields.Remove("__RequestVerificationToken");
        fields["Username"] = "alice";
        fields["Password"] = "alice-dev-password";

        var signIn = await OidcClient.PostFormAsync(browser, "/account/signin", fields);

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.False(signIn.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".chatt.identity=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_authorization_request_without_a_code_challenge_is_refused()
    {
        using var browser = factory.CreateBrowser();

        var authorize = await browser.GetAsync(OidcClient.AuthorizeUrl(pkce: null));

        Assert.Equal(HttpStatusCode.BadRequest, authorize.StatusCode);
        Assert.Null(authorize.Headers.Location);
    }

    [Fact]
    public async Task A_code_cannot_be_redeemed_without_its_code_verifier()
    {
        using var browser = factory.CreateBrowser();
        var pkce = OidcClient.Pkce.Create();
        var code = OidcClient.CodeFrom(await OidcClient.SignInAsync(browser, pkce, "alice", "alice-dev-password"));

        var wrongVerifier = await OidcClient.RedeemCodeAsync(browser, code, OidcClient.Pkce.Create().Verifier);

        Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier.StatusCode);
        Assert.Equal("invalid_grant", await OidcClient.ErrorOf(wrongVerifier));
    }

    [Fact]
    public async Task A_refresh_token_gets_new_tokens_once_and_cannot_be_used_again()
    {
        using var browser = factory.CreateBrowser();
        var tokens = await OidcClient.GetTokensAsync(browser, "alice", "alice-dev-password");

        var refreshed = await OidcClient.RefreshAsync(browser, tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var renewed = (await refreshed.Content.ReadFromJsonAsync<TokenResponse>())!;
        Assert.NotEqual(tokens.RefreshToken, renewed.RefreshToken);
        var result = await OidcClient.ValidateAsync(await OidcClient.DiscoverAsync(browser), renewed.AccessToken);
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("alice", ((JsonWebToken)result.SecurityToken).GetClaim("preferred_username").Value);

        var replayed = await OidcClient.RefreshAsync(browser, tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Equal("invalid_grant", await OidcClient.ErrorOf(replayed));
    }

    [Fact]
    public async Task A_revoked_refresh_token_cannot_be_used_and_discovery_advertises_revocation()
    {
        using var browser = factory.CreateBrowser();
        var tokens = await OidcClient.GetTokensAsync(browser, "alice", "alice-dev-password");
        using var discovery = JsonDocument.Parse(await browser.GetStringAsync("/.well-known/openid-configuration"));
        Assert.True(discovery.RootElement.TryGetProperty("revocation_endpoint", out var endpoint), $"discovery lists a revocation_endpoint: {discovery.RootElement}");

        var revoked = await OidcClient.PostFormAsync(browser, new Uri(endpoint.GetString()!).AbsolutePath, new Dictionary<string, string>
        {
            ["token"] = tokens.RefreshToken!,
            ["token_type_hint"] = "refresh_token",
            ["client_id"] = OidcClient.ClientId,
        });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        var refreshed = await OidcClient.RefreshAsync(browser, tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
        Assert.Equal("invalid_grant", await OidcClient.ErrorOf(refreshed));
    }

    [Fact]
    public async Task Userinfo_answers_with_the_users_subject_and_names()
    {
        using var browser = factory.CreateBrowser();
        var tokens = await OidcClient.GetTokensAsync(browser, "bob", "bob-dev-password");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(new JsonWebToken(tokens.AccessToken).Subject, body.RootElement.GetProperty("sub").GetString());
        Assert.Equal("bob", body.RootElement.GetProperty("preferred_username").GetString());
        Assert.Equal("Bob", body.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Ending_the_session_signs_the_user_out_and_returns_to_the_registered_address()
    {
        using var browser = factory.CreateBrowser();
        var tokens = await OidcClient.GetTokensAsync(browser, "alice", "alice-dev-password");
        var signedIn = await browser.GetAsync(OidcClient.AuthorizeUrl(OidcClient.Pkce.Create()));
        Assert.StartsWith(OidcClient.RedirectUri, signedIn.Headers.Location!.ToString(), StringComparison.Ordinal);

        var endSession = await browser.GetAsync(QueryHelpers.AddQueryString("/connect/endsession", new Dictionary<string, string?>
        {
            ["id_token_hint"] = tokens.IdToken,
            ["post_logout_redirect_uri"] = OidcClient.PostLogoutRedirectUri,
            ["state"] = "bye",
        }));

        Assert.Equal(HttpStatusCode.Redirect, endSession.StatusCode);
        Assert.StartsWith(OidcClient.PostLogoutRedirectUri + "?state=bye", endSession.Headers.Location!.ToString(), StringComparison.Ordinal);
        var afterwards = await browser.GetAsync(OidcClient.AuthorizeUrl(OidcClient.Pkce.Create()));
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.Contains("/account/signin", afterwards.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_post_logout_address_that_was_not_registered_is_refused()
    {
        using var browser = factory.CreateBrowser();

        var endSession = await browser.GetAsync("/connect/endsession?post_logout_redirect_uri=" + Uri.EscapeDataString("https://evil.example/"));

        Assert.Equal(HttpStatusCode.BadRequest, endSession.StatusCode);
    }
}
