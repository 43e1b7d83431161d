using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Chatt.Gateway.Auth;

/// <summary>
/// The ids of revoked sessions, seen by every gateway replica and kept across restarts: one small file per revoked
/// session in <see cref="SessionSettings.RevocationsPath"/> (by default <c>revocations/</c> inside the data-protection
/// key ring's folder), holding the time until which it must be refused.
/// </summary>
/// <remarks>
/// Why files beside the key ring: the key ring is already the one piece of state every replica must share (the
/// cookie cannot be read without it), so wherever it is shared — a volume all replicas mount — revocations are shared
/// too, with nothing new to run; the gateway has no database of its own and the bus belongs to ChatApi. One file per
/// id makes revoking a single atomic create (no read-modify-write between replicas) and checking a single stat, so a
/// revocation on one replica is refused by the others on their very next request. Data protection reads only the
/// <c>*.xml</c> files at the top of its folder, so the subfolder does not disturb it. Entries expire after the
/// cookie's lifetime (a copy of a revoked cookie cannot outlive that: it is never renewed again) and are swept then.
/// Without any path (no key ring folder either) revocations are kept in memory only, and the log says so at start.
/// </remarks>
public sealed partial class RevokedSessions
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _known = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger<RevokedSessions> _logger;
    private readonly string? _directory;
    private readonly TimeSpan _lifetime;
    private long _nextSweepTicks;

    public RevokedSessions(IOptions<SessionSettings> settings, TimeProvider time, ILogger<RevokedSessions> logger)
    {
        _time = time;
        _logger = logger;
        _lifetime = settings.Value.Lifetime;
        _directory = string.IsNullOrEmpty(settings.Value.RevocationsPath) ? null : Path.GetFullPath(settings.Value.RevocationsPath);
        if (_directory is null)
        {
            Log.InMemoryOnly(logger);
        }
    }

    public bool Contains(string sessionId)
    {
        if (!IsWellFormed(sessionId))
        {
            // Not an id this gateway issues (they are 22 base64url characters): never a file name, never accepted.
            return true;
        }

        var now = _time.GetUtcNow();
        if (_known.TryGetValue(sessionId, out var until))
        {
            return until > now;
        }

        if (_directory is null || !File.Exists(Path.Combine(_directory, sessionId)))
        {
            return false;
        }

        // Revoked by another replica or before a restart: remember it here so the next check costs no stat.
        var revokedUntil = ReadUntil(Path.Combine(_directory, sessionId)) ?? now + _lifetime;
        _known.TryAdd(sessionId, revokedUntil);
        return revokedUntil > now;
    }

    public void Add(string sessionId, DateTimeOffset until)
    {
        var now = _time.GetUtcNow();
        foreach (var (id, expires) in _known)
        {
            if (expires <= now)
            {
                _known.TryRemove(id, out _);
            }
        }

        _known[sessionId] = until;
        if (_directory is null || !IsWellFormed(sessionId))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(_directory);
            File.WriteAllText(Path.Combine(_directory, sessionId), until.ToString("o", CultureInfo.InvariantCulture));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Still refused on this replica; the others and a restart would not know. Loud, since it weakens sign-out.
            Log.WriteFailed(_logger, _directory, exception);
        }

        SweepIfDue(now);
    }

    /// <summary>Whether <paramref name="directory"/> can hold revocations (created if missing): checked at start.</summary>
    internal static bool IsWritable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, ".write-probe-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepEvery).UtcTicks, next) != next)
        {
            return;
        }

        try
        {
            foreach (var file in Directory.EnumerateFiles(_directory!))
            {
                if (IsWellFormed(Path.GetFileName(file)) && ReadUntil(file) is { } until && until <= now)
                {
                    File.Delete(file);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.WriteFailed(_logger, _directory!, exception);
        }
    }

    private static DateTimeOffset? ReadUntil(string file)
    {
        try
        {
            return DateTimeOffset.TryParse(File.ReadAllText(file), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var until) ? until : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsWellFormed(string sessionId) => SessionIdPattern().IsMatch(sessionId);

    [GeneratedRegex("^[A-Za-z0-9_-]{16,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SessionIdPattern();

    private static partial class Log
    {
        [LoggerMessage(EventId = 1202, EventName = "RevocationsInMemoryOnly", Level = LogLevel.Warning, Message = "Session revocations are kept in memory only: other replicas and a restart will not know them. Set Gateway:Session:RevocationsPath (or DataProtection:KeysPath) to a folder every replica shares")]
        public static partial void InMemoryOnly(ILogger logger);

        [LoggerMessage(EventId = 1203, EventName = "RevocationWriteFailed", Level = LogLevel.Error, Message = "Could not write session revocations in {Directory}; other replicas and a restart will not know this one")]
        public static partial void WriteFailed(ILogger logger, string directory, Exception exception);
    }
}
