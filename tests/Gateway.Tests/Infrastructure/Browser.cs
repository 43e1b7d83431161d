using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chatt.Gateway.Tests.Infrastructure;

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

    private static Dictionary<string, string> HiddenFields(string html) =>
        HiddenInput().Matches(html).ToDictionary(
            m => WebUtility.HtmlDecode(m.Groups["name"].Value),
            m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
