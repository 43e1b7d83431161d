using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Chatt.Gateway.Auth;

/// <summary>
/// The sessions this replica has revoked, and the proxied WebSockets of each live session.
/// </summary>
/// <remarks>
/// Revoking a session (sign-out, refused refresh) aborts its open WebSockets at once — after the upgrade YARP
/// only copies bytes, so the gateway cannot speak graphql-transport-ws and aborts the connection instead, which
/// also tears down the upstream socket to ChatApi. A revoked session id is remembered for the cookie's lifetime,
/// so a copy of the cookie taken before sign-out is refused here too. Both are per replica; the provider-side
/// refresh token revocation at sign-out and ChatApi closing a socket when its access token expires bound what
/// another replica can still serve.
/// </remarks>
public sealed partial class SessionRegistry(TimeProvider time, IOptions<SessionSettings> settings, ILogger<SessionRegistry> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<HttpContext, byte>> _sockets = new(StringComparer.Ordinal);

    public bool IsRevoked(string sessionId) => _revoked.ContainsKey(sessionId);

    /// <summary>Tracks a proxied WebSocket of <paramref name="sessionId"/> until the returned handle is disposed.</summary>
    public IDisposable TrackWebSocket(string sessionId, HttpContext connection)
    {
        var sockets = _sockets.GetOrAdd(sessionId, _ => new ConcurrentDictionary<HttpContext, byte>());
        sockets.TryAdd(connection, 0);

        // Revoked between the cookie check and this registration: close right away rather than never.
        if (IsRevoked(sessionId))
        {
            connection.Abort();
        }

        return new Registration(this, sessionId, connection);
    }

    public int OpenWebSockets(string sessionId) => _sockets.TryGetValue(sessionId, out var sockets) ? sockets.Count : 0;

    /// <summary>Ends a session on this replica: refuses its cookie from now on and aborts its WebSockets.</summary>
    public void Revoke(string sessionId, string reason)
    {
        var now = time.GetUtcNow();
        foreach (var (id, until) in _revoked)
        {
            if (until < now)
            {
                _revoked.TryRemove(id, out _);
            }
        }

        _revoked[sessionId] = now + settings.Value.Lifetime;
        if (_sockets.TryRemove(sessionId, out var sockets))
        {
            foreach (var connection in sockets.Keys)
            {
                connection.Abort();
            }

            Log.SessionRevoked(logger, reason, sockets.Count);
        }
        else
        {
            Log.SessionRevoked(logger, reason, 0);
        }
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
