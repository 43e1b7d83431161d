using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Chatt.Tests.Support;

/// <summary>
/// What a browser does, with a plain HttpClient: one cookie jar for every site, redirects followed one by one
/// (so each hop is a real request), and forms posted with their hidden fields.
/// </summary>
public sealed partial class Browser : IDisposable
{
    private readonly HttpClient _http;

    public Browser(Uri gateway)
    {
        Gateway = gateway;
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = gateway,
        };
    }

    public Uri Gateway { get; }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Every URL this browser was sent to by a redirect, in order.</summary>
    public List<Uri> Hops { get; } = [];

    /// <summary>The gateway's Origin, as the web client's requests carry it.</summary>
    public string Origin => Gateway.GetLeftPart(UriPartial.Authority);

    /// <summary>The Cookie header this browser sends to the gateway.</summary>
    public string GatewayCookieHeader => Cookies.GetCookieHeader(Gateway);

    /// <summary>
    /// <c>/auth/login</c> → the provider's authorize endpoint → its sign-in form → back through authorize to the
    /// gateway's callback → <paramref name="returnUrl"/>. Returns the last response (the page the user lands on).
    /// </summary>
    public Task<HttpResponseMessage> SignInAsync(string username, string password, string returnUrl = "/") =>
        SignInAtAsync(new Uri(Gateway, $"/auth/login?returnUrl={Uri.EscapeDataString(returnUrl)}"), username, password);

    /// <summary>Opens <paramref name="start"/>, which leads to the provider's sign-in form, and signs in there.</summary>
    public async Task<HttpResponseMessage> SignInAtAsync(Uri start, string username, string password, Func<Uri, bool>? stopAt = null)
    {
        var signInPage = await FollowAsync(new HttpRequestMessage(HttpMethod.Get, start));
        Assert.True(signInPage.Response.StatusCode == HttpStatusCode.OK,
            $"{signInPage.Uri} answered {(int)signInPage.Response.StatusCode}: {await signInPage.Response.Content.ReadAsStringAsync()}");
        Assert.Equal("/account/signin", signInPage.Uri.AbsolutePath);

        var fields = HiddenFields(await signInPage.Response.Content.ReadAsStringAsync());
        fields["Username"] = username;
        fields["Password"] = password;
        var landing = await FollowAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(signInPage.Uri, "/account/signin"))
        {
            Content = new FormUrlEncodedContent(fields),
        }, stopAt);
        return landing.Response;
    }

    /// <summary>
    /// Sends a request and follows redirects (GET) until a non-redirect answer, or until a redirect points at a
    /// URI <paramref name="stopAt"/> accepts (then that redirect is returned); returns the response and its URI.
    /// </summary>
    public async Task<(HttpResponseMessage Response, Uri Uri)> FollowAsync(HttpRequestMessage request, Func<Uri, bool>? stopAt = null)
    {
        var uri = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(Gateway, request.RequestUri);
        request.RequestUri = uri;
        var response = await _http.SendAsync(request);
        for (var hops = 0; hops < 20 && (int)response.StatusCode is >= 300 and < 400; hops++)
        {
            var next = new Uri(uri, response.Headers.Location!);
            if (stopAt?.Invoke(next) == true)
            {
                break;
            }

            uri = next;
            Hops.Add(next);
            response.Dispose();
            response = await _http.GetAsync(uri);
        }

        return (response, uri);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>A GraphQL POST as the web client sends it (with <c>X-CSRF: 1</c> unless <paramref name="csrf"/> is false).</summary>
    public Task<HttpResponseMessage> PostGraphQLAsync(string query, object? variables = null, bool csrf = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (csrf)
        {
            request.Headers.Add("X-CSRF", "1");
        }

        return _http.SendAsync(request);
    }

    /// <summary>Runs <paramref name="query"/> and returns its <c>data</c>, failing on errors.</summary>
    public async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        using var response = await PostGraphQLAsync(query, variables);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        var root = JsonDocument.Parse(body).RootElement;
        Assert.False(root.TryGetProperty("errors", out var errors), errors.ToString());
        return root.GetProperty("data").Clone();
    }

    /// <summary>The gateway's <c>/auth/me</c>: who this session is.</summary>
    public async Task<JsonElement> MeAsync()
    {
        using var response = await _http.GetAsync("/auth/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// An access token as a native app gets one from the provider: an authorization request with PKCE for
    /// <paramref name="clientId"/> (answered with a code at once when this browser holds a provider session, else
    /// through the sign-in form with <paramref name="username"/>), the code redeemed at the token endpoint. The
    /// redirect back to the gateway is never followed.
    /// </summary>
    public async Task<string> AccessTokenAsync(Uri provider, string clientId, string? username = null, string? password = null)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var redirectUri = new Uri(Gateway, "/signin-oidc").ToString();
        var authorize = new Uri(QueryHelpers.AddQueryString(new Uri(provider, "/connect/authorize").ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = "openid profile offline_access chatt-api",
            ["state"] = "s",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }));

        bool AtClient(Uri uri) => uri.ToString().StartsWith(redirectUri, StringComparison.Ordinal);
        using var toClient = username is null
            ? (await FollowAsync(new HttpRequestMessage(HttpMethod.Get, authorize), AtClient)).Response
            : await SignInAtAsync(authorize, username, password!, AtClient);
        Assert.True(toClient.Headers.Location is { } location && AtClient(new Uri(authorize, location)), $"Expected a redirect to {redirectUri}, got {(int)toClient.StatusCode} {toClient.Headers.Location}");
        var code = QueryHelpers.ParseQuery(toClient.Headers.Location!.Query)["code"].ToString();

        using var token = await _http.PostAsync(new Uri(provider, "/connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["code"] = code,
            ["code_verifier"] = verifier,
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        return (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    public Task<HttpResponseMessage> SignOutAsync(bool csrf = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/logout");
        if (csrf)
        {
            request.Headers.Add("X-CSRF", "1");
        }

        return _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Dictionary<string, string> HiddenFields(string html) =>
        HiddenInput().Matches(html).ToDictionary(
            m => WebUtility.HtmlDecode(m.Groups["name"].Value),
            m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
