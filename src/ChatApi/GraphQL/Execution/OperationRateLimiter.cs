using System.Collections.Concurrent;
using System.Security.Claims;
using Chatt.ChatApi.Auth;
using Chatt.ChatApi.Common;
using GraphQL;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>
/// A token bucket per caller (the token's subject) for every operation, whatever the transport: the HTTP handler
/// takes one token per operation (a batch takes all of its operations' at once), the WebSocket executor one per
/// subscribe/start frame, so a socket cannot walk around the gateway's per-request limit. Refused operations never
/// reach parsing; the client is told when to retry.
/// <para>
/// Memory: a bucket that has refilled to full is the same as no bucket, so a sweep every
/// <see cref="SweepInterval"/> drops those: only callers active within the last refill time plus a sweep keep one.
/// </para>
/// </summary>
public sealed partial class OperationRateLimiter : IDisposable
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly RateLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OperationRateLimiter> _logger;
    private readonly ITimer? _sweeper;

    public OperationRateLimiter(IOptions<RateLimitOptions> options, TimeProvider time, ILogger<OperationRateLimiter> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        if (_options.Enabled)
        {
            _sweeper = time.CreateTimer(_ => Sweep(), null, SweepInterval, SweepInterval);
        }
    }

    /// <summary>Callers that currently hold a bucket.</summary>
    public int TrackedCallers => _buckets.Count;

    /// <summary>Takes <paramref name="operations"/> tokens from the caller's bucket, or none when it holds fewer.</summary>
    public RateLimitDecision TryAcquire(ClaimsPrincipal caller, int operations = 1)
    {
        if (!_options.Enabled)
        {
            return RateLimitDecision.Allow;
        }

        var key = caller.Subject() ?? "";
        while (true)
        {
            var now = _time.GetTimestamp();
            var bucket = _buckets.GetOrAdd(key, static (_, state) => new Bucket(state.Burst, state.Now), (Burst: _options.Burst, Now: now));
            lock (bucket)
            {
                if (bucket.Evicted)
                {
                    continue; // the sweep removed it meanwhile: take the fresh one
                }

                Refill(bucket, now);
                if (bucket.Tokens >= operations)
                {
                    bucket.Tokens -= operations;
                    bucket.Refusing = false;
                    return RateLimitDecision.Allow;
                }

                if (!bucket.Refusing)
                {
                    bucket.Refusing = true; // log when a caller starts being refused, not once per refused operation
                    Log.Limited(_logger, key, _options.Burst, _options.PerSecond);
                }

                var missing = Math.Min(operations, _options.Burst) - bucket.Tokens;
                return new RateLimitDecision(false, TimeSpan.FromSeconds(missing / _options.PerSecond));
            }
        }
    }

    /// <summary>The GraphQL error for a refused operation: <c>RATE_LIMITED</c> with <c>extensions.retryAfterMs</c>.</summary>
    public static ExecutionError Error(RateLimitDecision decision) =>
        new($"Too many operations: retry in {decision.RetryAfterMs} ms.")
        {
            Code = ErrorCodes.RateLimited,
            Extensions = new() { ["retryAfterMs"] = decision.RetryAfterMs },
        };

    public void Dispose() => _sweeper?.Dispose();

    private void Refill(Bucket bucket, long now)
    {
        var elapsed = _time.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
        if (elapsed > 0)
        {
            bucket.Tokens = Math.Min(_options.Burst, bucket.Tokens + elapsed * _options.PerSecond);
            bucket.Stamp = now;
        }
    }

    private void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var (key, bucket) in _buckets)
        {
            lock (bucket)
            {
                Refill(bucket, now);
                if (bucket.Tokens >= _options.Burst)
                {
                    bucket.Evicted = true;
                    _buckets.TryRemove(new KeyValuePair<string, Bucket>(key, bucket));
                }
            }
        }
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens = tokens;
        public long Stamp = stamp;
        public bool Refusing;
        public bool Evicted;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2002, EventName = "CallerRateLimited", Level = LogLevel.Information,
            Message = "Caller {Caller} is over its operation rate limit ({Burst} at once, {PerSecond}/s); its operations are refused until the bucket refills")]
        public static partial void Limited(ILogger logger, string caller, int burst, double perSecond);
    }
}
