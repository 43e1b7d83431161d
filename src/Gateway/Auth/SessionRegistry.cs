using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Chatt.Gateway.Auth;

/// <summary>
/// Revoked sessions (kept in <see cref="RevokedSessions"/>, which every replica and restart sees), and the proxied
/// WebSockets of each live session on this replica.
/// </summary>
/// <remarks>
/// Revoking a session (sign-out, refused refresh) aborts its open WebSockets here at once — after the upgrade YARP
/// only copies bytes, so the gateway cannot speak graphql-transport-ws and aborts the connection instead, which
/// also tears down the upstream socket to ChatApi. A revoked session id is remembered for the cookie's lifetime,
/// so a copy of the cookie taken before sign-out is refused by every replica, before and after a restart. Sockets
/// of that session open on another replica end when their next request is refused, or when ChatApi closes them at
/// the access token's expiry; the provider-side refresh token revocation at sign-out bounds that too.
/// </remarks>
public sealed partial class SessionRegistry(RevokedSessions revoked, TimeProvider time, IOptions<SessionSettings> settings, ILogger<SessionRegistry> logger)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<HttpContext, byte>> _sockets = new(StringComparer.Ordinal);

    /// <summary>Whether the session was revoked, here or by another replica; if so its WebSockets here are aborted too.</summary>
    public bool IsRevoked(string sessionId)
    {
        if (!revoked.Contains(sessionId))
        {
            return false;
        }

        // Revoked elsewhere (another replica, or before a restart): the first refused request ends its sockets here.
        AbortWebSockets(sessionId);
        return true;
    }

    /// <summary>Tracks a proxied WebSocket of <paramref name="sessionId"/> until the returned handle is disposed.</summary>
    public IDisposable TrackWebSocket(string sessionId, HttpContext connection)
    {
        var sockets = _sockets.GetOrAdd(sessionId, _ => new ConcurrentDictionary<HttpContext, byte>());
        sockets.TryAdd(connection, 0);

        // Revoked between the cookie check and this registration: close right away rather than never.
        IsRevoked(sessionId);

        return new Registration(this, sessionId, connection);
    }

    public int OpenWebSockets(string sessionId) => _sockets.TryGetValue(sessionId, out var sockets) ? sockets.Count : 0;

    /// <summary>Ends a session: every replica refuses its cookie from now on; its WebSockets on this replica are aborted.</summary>
    public void Revoke(string sessionId, string reason)
    {
        revoked.Add(sessionId, time.GetUtcNow() + settings.Value.Lifetime);
        var aborted = AbortWebSockets(sessionId);
        Log.SessionRevoked(logger, reason, aborted);
    }

    private int AbortWebSockets(string sessionId)
    {
        if (!_sockets.TryRemove(sessionId, out var sockets))
        {
            return 0;
        }

        foreach (var connection in sockets.Keys)
        {
            connection.Abort();
        }

        return sockets.Count;
    }

    private void Untrack(string sessionId, HttpContext connection)
    {
        if (_sockets.TryGetValue(sessionId, out var sockets))
        {
            sockets.TryRemove(connection, out _);
            if (sockets.IsEmpty)
            {
                _sockets.TryRemove(new KeyValuePair<string, ConcurrentDictionary<HttpContext, byte>>(sessionId, sockets));
            }
        }
    }

    private sealed class Registration(SessionRegistry registry, string sessionId, HttpContext connection) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                registry.Untrack(sessionId, connection);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, EventName = "SessionRevoked", Level = LogLevel.Information, Message = "Session revoked ({Reason}); aborted {Sockets} WebSocket(s)")]
        public static partial void SessionRevoked(ILogger logger, string reason, int sockets);
    }
}
