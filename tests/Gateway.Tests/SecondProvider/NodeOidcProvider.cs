using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chatt.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Chatt.Gateway.Tests.SecondProvider;

/// <summary>
/// panva's oidc-provider (npm, OpenID Certified) run by node from <c>tests/Gateway.Tests/node/oidc-provider.mjs</c>:
/// a provider Chatt's code never saw, with a confidential client for the gateway and the API as a resource server
/// (JWT access tokens for <see cref="Audience"/>, asked for with the <see cref="Resource"/> indicator).
/// </summary>
public sealed class NodeOidcProvider : IAsyncDisposable
{
    public const string ClientId = "chatt-gateway";
    public const string ClientSecret = "chatt-gateway-secret";
    public const string Resource = "urn:chatt:api";
    public const string Audience = "chatt-api";

    private static readonly string ScriptDirectory = Path.Combine(RepositoryRoot(), "tests", "Gateway.Tests", "node");

    private readonly Process _node;
    private readonly StringBuilder _log = new();

    private NodeOidcProvider(Process node, string issuer)
    {
        _node = node;
        Issuer = issuer;
    }

    /// <summary>The provider's <c>iss</c>, exactly as it writes it (with a trailing slash when asked for one).</summary>
    public string Issuer { get; }

    public Uri BaseAddress => new(Issuer.TrimEnd('/') + "/");

    /// <summary>Why this machine cannot run the provider, or null when it can.</summary>
    public static string? UnavailableReason =>
        !File.Exists(Path.Combine(ScriptDirectory, "node_modules", "oidc-provider", "package.json"))
            ? "oidc-provider is not installed: run .ci/install (npm ci in tests/Gateway.Tests/node)"
            : null;

    /// <param name="redirectOrigins">Gateways that sign in here (their /signin-oidc and /signout-callback-oidc are registered).</param>
    /// <param name="accessTokenAlg">RS256 or ES256, for the API's access tokens.</param>
    /// <param name="trailingSlash">The issuer ends in "/", as Auth0's does.</param>
    /// <param name="usernameClaim">false: tokens name the user by sub and email only (no preferred_username, no name).</param>
    public static async Task<NodeOidcProvider> StartAsync(IEnumerable<Uri> redirectOrigins, string accessTokenAlg = "RS256",
        bool trailingSlash = false, bool usernameClaim = true)
    {
        var options = JsonSerializer.Serialize(new
        {
            redirectOrigins = redirectOrigins.Select(o => o.GetLeftPart(UriPartial.Authority)).ToArray(),
            clientId = ClientId,
            clientSecret = ClientSecret,
            resource = Resource,
            audience = Audience,
            accessTokenAlg,
            trailingSlash,
            usernameClaim,
        });
        var start = new ProcessStartInfo("node") { WorkingDirectory = ScriptDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("oidc-provider.mjs");
        start.ArgumentList.Add(options);
        var node = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var log = new StringBuilder();
        node.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        node.BeginErrorReadLine();

        // The first JSON line on stdout names the issuer; oidc-provider's own warnings come before it.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await node.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith('{'))
            {
                var provider = new NodeOidcProvider(node, JsonDocument.Parse(line).RootElement.GetProperty("issuer").GetString()!);
                _ = DrainAsync(node.StandardOutput, provider._log);
                return provider;
            }
        }

        node.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"oidc-provider exited before listening: {log}");
    }

    /// <summary>New signing keys become the ones tokens are signed with (the old ones stay published); returns their kids.</summary>
    public async Task<string[]> RotateKeysAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        using var response = await http.PostAsync("test/rotate", null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("kids").EnumerateArray().Select(kid => kid.GetString()!).ToArray();
    }

    /// <summary>
    /// An access token for the API as an app holds one: the code flow with PKCE by hand, the provider's sign-in form
    /// filled in as <paramref name="username"/>, the code redeemed with the client's secret.
    /// </summary>
    public async Task<string> AccessTokenAsync(string username, Uri redirectOrigin)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var redirectUri = new Uri(redirectOrigin, "/signin-oidc").ToString();
        var authorize = QueryHelpers.AddQueryString(new Uri(BaseAddress, "auth").ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = "openid profile",
            ["resource"] = Resource,
            ["state"] = "s",
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        });

        using var browser = new Browser(BaseAddress);
        using var toClient = await SignInAsync(browser, new Uri(authorize), username, stopAt: uri => uri.ToString().StartsWith(redirectUri, StringComparison.Ordinal));
        Assert.True(toClient.Headers.Location is not null, $"no redirect to the client: {(int)toClient.StatusCode} {await toClient.Content.ReadAsStringAsync()}");
        var code = QueryHelpers.ParseQuery(toClient.Headers.Location!.Query)["code"].ToString();

        using var token = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, "token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["client_id"] = ClientId,
                ["client_secret"] = ClientSecret,
                ["redirect_uri"] = redirectUri,
                ["code"] = code,
                ["code_verifier"] = verifier,
            }),
        });
        var body = await token.Content.ReadAsStringAsync();
        Assert.True(token.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Opens <paramref name="start"/>, which leads to this provider's sign-in form, and signs in there.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(Browser browser, Uri start, string username, Func<Uri, bool>? stopAt = null)
    {
        var (form, formUri) = await browser.FollowAsync(new HttpRequestMessage(HttpMethod.Get, start));
        using (form)
        {
            Assert.True(form.IsSuccessStatusCode && formUri.AbsolutePath.StartsWith("/interaction/", StringComparison.Ordinal),
                $"{formUri} answered {(int)form.StatusCode}: {await form.Content.ReadAsStringAsync()}");
        }

        var (landing, _) = await browser.FollowAsync(new HttpRequestMessage(HttpMethod.Post, formUri)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = username }),
        }, stopAt);
        return landing;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chatt.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Chatt.sln above {AppContext.BaseDirectory}");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task DrainAsync(StreamReader output, StringBuilder log)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_node.HasExited)
        {
            _node.Kill(entireProcessTree: true);
            await _node.WaitForExitAsync();
        }

        _node.Dispose();
    }
}
