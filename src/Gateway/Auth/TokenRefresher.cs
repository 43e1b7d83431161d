using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Chatt.Gateway.Auth;

/// <summary>
/// Trades a refresh token for new tokens at the provider's token endpoint.
/// </summary>
/// <remarks>
/// Refresh tokens are single-use at most providers (the built-in one revokes the whole chain when a used one is
/// replayed). A browser often sends several requests with the same cookie at once, and keeps sending the old
/// cookie until the renewed one arrives, so every refresh of one refresh token within <see cref="ReuseWindow"/>
/// shares one call and its answer. The cache is per replica: with several replicas, give the provider a small
/// reuse leeway (the built-in provider's <c>Identity:RefreshTokenReuseLeeway</c>) or keep sessions sticky.
/// </remarks>
public sealed partial class TokenRefresher(
    IOptionsMonitor<OpenIdConnectOptions> oidcOptions,
    IOptions<OidcSettings> settings,
    TimeProvider time,
    ILogger<TokenRefresher> logger)
{
    internal static readonly TimeSpan ReuseWindow = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, (Task<RefreshOutcome> Outcome, DateTimeOffset Started)> _recent = new(StringComparer.Ordinal);

    public Task<RefreshOutcome> RefreshAsync(string refreshToken)
    {
        var now = time.GetUtcNow();
        foreach (var (stale, recent) in _recent)
        {
            if (now - recent.Started > ReuseWindow)
            {
                _recent.TryRemove(stale, out _);
            }
        }

        // Keyed by a hash so the cache never holds a usable token. The call is not tied to one request's
        // cancellation: other requests may be waiting on the same answer.
        var key = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
        var entry = _recent.GetOrAdd(key, _ => (CallTokenEndpointAsync(refreshToken), now));
        return entry.Outcome;
    }

    private async Task<RefreshOutcome> CallTokenEndpointAsync(string refreshToken)
    {
        using var timeout = new CancellationTokenSource(CallTimeout);
        var options = oidcOptions.Get(OpenIdConnectDefaults.AuthenticationScheme);
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(timeout.Token);
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = settings.Value.ClientId,
            };
            if (!string.IsNullOrEmpty(settings.Value.ClientSecret))
            {
                form["client_secret"] = settings.Value.ClientSecret;
            }

            using var response = await options.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(form), timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if ((int)response.StatusCode is >= 400 and < 500)
            {
                // invalid_grant and friends: the provider has ended this grant (expired, revoked, replayed).
                var error = ErrorCodeOf(body);
                Log.RefreshRefused(logger, (int)response.StatusCode, error);
                return RefreshOutcome.Refused;
            }

            if (!response.IsSuccessStatusCode)
            {
                Log.RefreshUnavailable(logger, (int)response.StatusCode, null);
                return RefreshOutcome.Unavailable;
            }

            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var accessToken = root.GetProperty("access_token").GetString()!;
            var expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 300;
            return new RefreshOutcome(RefreshStatus.Refreshed, new RefreshedTokens(
                accessToken,
                time.GetUtcNow().AddSeconds(expiresIn),
                root.TryGetProperty("refresh_token", out var r) ? r.GetString() : null,
                root.TryGetProperty("id_token", out var i) ? i.GetString() : null));
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or InvalidOperationException or JsonException or KeyNotFoundException)
        {
            Log.RefreshUnavailable(logger, 0, exception);
            return RefreshOutcome.Unavailable;
        }
    }

    private static string ErrorCodeOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) ? error.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    /// <summary>The <c>expires_at</c> token value the OpenID Connect handler stores (round-trip format).</summary>
    internal static DateTimeOffset? ExpiresAt(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, EventName = "TokenRefreshRefused", Level = LogLevel.Information, Message = "The provider refused a refresh token ({StatusCode} {Error}); the session ends")]
        public static partial void RefreshRefused(ILogger logger, int statusCode, string error);

        [LoggerMessage(EventId = 1102, EventName = "TokenRefreshUnavailable", Level = LogLevel.Warning, Message = "The token endpoint could not be reached or failed ({StatusCode}); the session is kept and the refresh retried")]
        public static partial void RefreshUnavailable(ILogger logger, int statusCode, Exception? exception);
    }
}
