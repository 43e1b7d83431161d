using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chatt.AppHost.Tests;

/// <summary>
/// A browser without JavaScript: one cookie jar, redirects followed by hand (so every hop of the sign-in is
/// visible), and the calls the web client makes to the gateway (with <c>X-CSRF: 1</c>).
/// </summary>
internal sealed partial class BrowserSession : IDisposable
{
    private const int MaxRedirects = 12;
    private readonly HttpClient _http;

    public BrowserSession(Uri gateway)
    {
        Gateway = gateway;
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public Uri Gateway { get; }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Every URL this browser was sent to by a redirect, in order.</summary>
    public List<Uri> Hops { get; } = [];

    /// <summary>
    /// Clicks "sign in" on the gateway and fills in the provider's sign-in form: <c>/auth/login</c> → the provider's
    /// authorization endpoint → its sign-in page; POST the form (antiforgery token included) → authorization
    /// endpoint → the gateway's <c>/signin-oidc</c> with the code → back on the gateway's site.
    /// </summary>
    public async Task SignInAsync(string username, string password, CancellationToken cancellationToken)
    {
        var page = await FollowAsync(await _http.GetAsync("/auth/login?returnUrl=/", cancellationToken), cancellationToken);
        await AssertOkAsync(page, cancellationToken);

        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        var fields = HiddenInput().Matches(html).ToDictionary(
            m => WebUtility.HtmlDecode(m.Groups["name"].Value),
            m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        Assert.Contains(fields.Keys, name => name.Contains("RequestVerificationToken", StringComparison.OrdinalIgnoreCase));
        fields["Username"] = username;
        fields["Password"] = password;
        var action = new Uri(page.RequestMessage!.RequestUri!, WebUtility.HtmlDecode(FormAction().Match(html).Groups["action"].Value));

        var signedIn = await FollowAsync(await _http.PostAsync(action, new FormUrlEncodedContent(fields), cancellationToken), cancellationToken);
        await AssertOkAsync(signedIn, cancellationToken);
        Assert.Equal(Gateway.Authority, signedIn.RequestMessage!.RequestUri!.Authority);
    }

    /// <summary>The gateway's <c>/auth/me</c>: who this session is.</summary>
    public async Task<JsonElement> MeAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("/auth/me", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    /// <summary>A GraphQL operation through the gateway, authenticated by the session cookie alone.</summary>
    public async Task<JsonElement> GraphQLAsync(string query, object? variables, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Add("X-CSRF", "1");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _http.SendAsync(request, cancellationToken);
        return await GraphQLHttp.DataAsync(response, cancellationToken);
    }

    /// <summary>
    /// A second grant from the provider session this browser now holds, as a native app would get one: an
    /// authorization request with PKCE for the same public client answers at once with a code (no form), and the
    /// code is redeemed at the token endpoint. The redirect back to the gateway is not followed.
    /// </summary>
    public async Task<string> AccessTokenFromProviderSessionAsync(Uri provider, string clientId, CancellationToken cancellationToken)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var redirectUri = new Uri(Gateway, "/signin-oidc").ToString();
        var authorize = new Uri(provider, "/connect/authorize?" + string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = "openid profile chatt-api",
            ["state"] = "e2e",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));

        using var answer = await _http.GetAsync(authorize, cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var callback = answer.Headers.Location!;
        Assert.StartsWith(redirectUri, callback.ToString(), StringComparison.Ordinal);
        var code = QueryValue(callback, "code");

        using var token = await _http.PostAsync(new Uri(provider, "/connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["code"] = code,
            ["code_verifier"] = verifier,
        }), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        return (await token.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("access_token").GetString()!;
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        for (var hop = 0; IsRedirect(response.StatusCode); hop++)
        {
            Assert.True(hop < MaxRedirects, $"More than {MaxRedirects} redirects; last: {response.Headers.Location}");
            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            Hops.Add(next);
            response.Dispose();
            response = await _http.GetAsync(next, cancellationToken);
        }
        return response;
    }

    private static async Task AssertOkAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            Assert.Fail($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {body[..Math.Min(body.Length, 2000)]}");
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.Found;

    private static string QueryValue(Uri uri, string name) =>
        uri.Query.TrimStart('?').Split('&')
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair[0] == name)
            .Select(pair => Uri.UnescapeDataString(pair[1]))
            .Single();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\"")]
    private static partial Regex FormAction();
}
