using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Chatt.Identity.Tests;

/// <summary>
/// What a relying party (the gateway) and a browser do, spelled out with a plain HttpClient: authorization
/// request with PKCE, the sign-in form, the redirect with the code, and the token endpoint.
/// </summary>
public static partial class OidcClient
{
    public const string ClientId = "chatt-gateway";
    public const string RedirectUri = "http://localhost:5080/signin-oidc";
    public const string PostLogoutRedirectUri = "http://localhost:5080/signout-callback-oidc";
    public const string Scope = "openid profile offline_access chatt-api";

    public sealed record Pkce(string Verifier, string Challenge)
    {
        public static Pkce Create()
        {
            var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            return new Pkce(verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
        }
    }

    public static string AuthorizeUrl(Pkce? pkce, string state = "state-1") =>
        QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = "code",
            ["scope"] = Scope,
            ["state"] = state,
            ["nonce"] = "nonce-1",
            ["code_challenge"] = pkce?.Challenge,
            ["code_challenge_method"] = pkce is null ? null : "S256",
        }.Where(p => p.Value is not null));

    /// <summary>GET the authorization endpoint and follow to the sign-in page; returns the page's form fields.</summary>
    public static async Task<Dictionary<string, string>> OpenSignInPageAsync(HttpClient browser, Pkce pkce)
    {
        var authorize = await browser.GetAsync(AuthorizeUrl(pkce));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        Assert.Equal("/account/signin", authorize.Headers.Location!.IsAbsoluteUri ? authorize.Headers.Location.AbsolutePath : authorize.Headers.Location.OriginalString.Split('?')[0]);

        var page = await browser.GetAsync(authorize.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return HiddenFields(await page.Content.ReadAsStringAsync());
    }

    public static Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, Dictionary<string, string> fields) =>
        browser.PostAsync(path, new FormUrlEncodedContent(fields));

    /// <summary>The whole browser leg: authorize, sign in, back to authorize; returns the redirect to the client.</summary>
    public static async Task<Uri> SignInAsync(HttpClient browser, Pkce pkce, string username, string password)
    {
        var fields = await OpenSignInPageAsync(browser, pkce);
        fields["Username"] = username;
        fields["Password"] = password;
        var signIn = await PostFormAsync(browser, "/account/signin", fields);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var back = await browser.GetAsync(signIn.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return back.Headers.Location!;
    }

    public static string CodeFrom(Uri redirect)
    {
        Assert.StartsWith(RedirectUri, redirect.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(redirect.Query);
        Assert.Equal("state-1", query["state"].ToString());
        return query["code"].ToString();
    }

    public static Task<HttpResponseMessage> RedeemCodeAsync(HttpClient client, string code, string? verifier) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["code"] = code,
            ["code_verifier"] = verifier ?? "",
        }.Where(p => p.Value.Length > 0)));

    public static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string refreshToken) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = ClientId,
            ["refresh_token"] = refreshToken,
        }));

    /// <summary>Signs in and redeems the code: the tokens a relying party ends up with.</summary>
    public static async Task<TokenResponse> GetTokensAsync(HttpClient browser, string username, string password)
    {
        var pkce = Pkce.Create();
        var code = CodeFrom(await SignInAsync(browser, pkce, username, password));
        var response = await RedeemCodeAsync(browser, code, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    public static async Task<OpenIdConnectConfiguration> DiscoverAsync(HttpClient client)
    {
        var configuration = OpenIdConnectConfiguration.Create(await client.GetStringAsync("/.well-known/openid-configuration"));
        var keys = new JsonWebKeySet(await client.GetStringAsync(configuration.JwksUri));
        foreach (var key in keys.GetSigningKeys())
        {
            configuration.SigningKeys.Add(key);
        }

        return configuration;
    }

    /// <summary>Validates a JWT the way a resource server (JwtBearer) does: discovery's issuer and keys, the audience.</summary>
    public static async Task<TokenValidationResult> ValidateAsync(OpenIdConnectConfiguration discovery, string token, string audience = "chatt-api") =>
        await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = discovery.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = discovery.SigningKeys,
            ValidateLifetime = true,
        });

    public static Dictionary<string, string> HiddenFields(string html) =>
        HiddenInput().Matches(html).ToDictionary(
            m => WebUtility.HtmlDecode(m.Groups["name"].Value),
            m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    public static async Task<string> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();
}
