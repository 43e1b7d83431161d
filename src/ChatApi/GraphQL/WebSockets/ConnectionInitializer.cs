using System.Security.Claims;
using System.Text.Json;
using Chatt.ChatApi.Auth;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// A socket's connection_init: the deadline for it (4408), accepting it once (a second one closes with 4429), who the
/// caller is, and the token's expiry while the socket stays open (4403). The caller is the upgrade request's
/// (Authorization header) or, for browsers, the token in the payload's <c>Authorization</c>.
/// </summary>
public sealed partial class ConnectionInitializer : IAsyncDisposable
{
    private readonly WebSocketConnection _connection;
    private readonly ClaimsPrincipal _upgradeUser;
    private readonly TokenAuthenticator _authenticator;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _initTimer;
    private ITimer? _expiryTimer;
    private ClaimsPrincipal? _user;
    private int _initReceived;

    public ConnectionInitializer(WebSocketConnection connection, ClaimsPrincipal upgradeUser, TokenAuthenticator authenticator, TimeProvider time, TimeSpan initTimeout, ILogger logger)
    {
        _connection = connection;
        _upgradeUser = upgradeUser;
        _authenticator = authenticator;
        _time = time;
        _logger = logger;
        _initTimer = time.CreateTimer(static state => ((ConnectionInitializer)state!).OnInitTimeout(), this, initTimeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The caller once connection_init was accepted; null before.</summary>
    public ClaimsPrincipal? User => Volatile.Read(ref _user);

    /// <summary>
    /// Accepts the first connection_init. <see cref="InitOutcome.Unauthorized"/> leaves refusing to the protocol (the
    /// legacy one sends connection_error first); on <see cref="InitOutcome.Refused"/> the socket is already closing.
    /// </summary>
    public async ValueTask<InitOutcome> InitializeAsync(JsonElement payload)
    {
        if (Interlocked.Exchange(ref _initReceived, 1) == 1)
        {
            _connection.RequestClose(CloseReason.TooManyInitialisationRequests);
            return InitOutcome.Refused;
        }

        var token = AuthorizationFrom(payload);
        var user = _upgradeUser.Identity?.IsAuthenticated == true
            ? _upgradeUser
            : token is null ? null : await _authenticator.AuthenticateAsync(token, _connection.Closing);
        if (user is null)
        {
            Log.Unauthorized(_logger);
            return InitOutcome.Unauthorized;
        }

        if (user.ExpiresAt() is { } expiresAt)
        {
            var due = expiresAt - _time.GetUtcNow();
            if (due <= TimeSpan.Zero)
            {
                OnExpired();
                return InitOutcome.Refused;
            }

            // ITimer accepts at most ~49 days; a token living longer is re-checked then.
            _expiryTimer = _time.CreateTimer(static state => ((ConnectionInitializer)state!).OnExpired(), this,
                due < TimeSpan.FromDays(45) ? due : TimeSpan.FromDays(45), Timeout.InfiniteTimeSpan);
        }

        Volatile.Write(ref _user, user);
        return InitOutcome.Accepted;
    }

    public async ValueTask DisposeAsync()
    {
        await _initTimer.DisposeAsync();
        if (_expiryTimer is not null)
        {
            await _expiryTimer.DisposeAsync();
        }
    }

    private static string? AuthorizationFrom(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in payload.EnumerateObject())
        {
            if (property.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }

        return null;
    }

    private void OnInitTimeout()
    {
        if (Volatile.Read(ref _initReceived) == 0)
        {
            _connection.RequestClose(CloseReason.ConnectionInitTimeout);
        }
    }

    private void OnExpired()
    {
        Log.TokenExpired(_logger);
        _connection.RequestClose(CloseReason.TokenExpired);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2203, EventName = "WebSocketUnauthorized", Level = LogLevel.Information, Message = "Refused a WebSocket connection_init without a valid token")]
        public static partial void Unauthorized(ILogger logger);

        [LoggerMessage(EventId = 2204, EventName = "WebSocketTokenExpired", Level = LogLevel.Information, Message = "Closing a WebSocket whose token expired")]
        public static partial void TokenExpired(ILogger logger);
    }
}
