using System.Security.Claims;
using Chatt.ChatApi.GraphQL.Execution;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chatt.ChatApi.Tests.Limits;

/// <summary>The token bucket itself, on a controlled clock: burst, refill, the retry hint, and idle buckets released.</summary>
public sealed class OperationRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    private static ClaimsPrincipal Caller(string subject) => new(new ClaimsIdentity([new Claim("sub", subject)], "test"));

    private OperationRateLimiter Limiter(bool enabled = true) =>
        new(Options.Create(new RateLimitOptions { Enabled = enabled, Burst = 10, PerSecond = 2 }), _time, NullLogger<OperationRateLimiter>.Instance);

    [Fact]
    public void A_caller_gets_its_burst_then_is_refused_with_the_time_until_the_next_token()
    {
        using var limiter = Limiter();
        var alice = Caller("alice");

        var admitted = Enumerable.Range(0, 10).Select(_ => limiter.TryAcquire(alice).Allowed).ToArray();
        var refused = limiter.TryAcquire(alice);

        Assert.All(admitted, Assert.True);
        Assert.False(refused.Allowed);
        Assert.Equal(500, refused.RetryAfterMs); // 2 per second: the next token in half a second
    }

    [Fact]
    public void Tokens_come_back_at_the_refill_rate_and_never_beyond_the_burst()
    {
        using var limiter = Limiter();
        var alice = Caller("alice");
        for (var i = 0; i < 10; i++)
        {
            limiter.TryAcquire(alice);
        }

        _time.Advance(TimeSpan.FromSeconds(1.5)); // three tokens
        var afterRefill = Enumerable.Range(0, 4).Count(_ => limiter.TryAcquire(alice).Allowed);
        _time.Advance(TimeSpan.FromHours(1));
        var afterIdle = Enumerable.Range(0, 12).Count(_ => limiter.TryAcquire(alice).Allowed);

        Assert.Equal(3, afterRefill);
        Assert.Equal(10, afterIdle);
    }

    [Fact]
    public void Each_caller_has_its_own_bucket()
    {
        using var limiter = Limiter();
        for (var i = 0; i < 11; i++)
        {
            limiter.TryAcquire(Caller("alice"));
        }

        Assert.False(limiter.TryAcquire(Caller("alice")).Allowed);
        Assert.True(limiter.TryAcquire(Caller("bob")).Allowed);
    }

    [Fact]
    public void A_batch_takes_all_its_tokens_or_none()
    {
        using var limiter = Limiter();
        var alice = Caller("alice");

        Assert.True(limiter.TryAcquire(alice, 8).Allowed);
        Assert.False(limiter.TryAcquire(alice, 3).Allowed);
        Assert.True(limiter.TryAcquire(alice, 2).Allowed);
    }

    [Fact]
    public void Buckets_of_callers_gone_quiet_are_released_by_the_sweep()
    {
        using var limiter = Limiter();
        for (var i = 0; i < 1000; i++)
        {
            limiter.TryAcquire(Caller("caller-" + i));
        }

        var tracked = limiter.TrackedCallers;
        _time.Advance(OperationRateLimiter.SweepInterval);
        var afterSweep = limiter.TrackedCallers;

        Assert.Equal(1000, tracked);
        Assert.Equal(0, afterSweep);
    }

    [Fact]
    public void A_bucket_still_refilling_survives_the_sweep()
    {
        using var limiter = Limiter();
        var alice = Caller("alice");
        _time.Advance(OperationRateLimiter.SweepInterval - TimeSpan.FromSeconds(1));
        for (var i = 0; i < 10; i++)
        {
            limiter.TryAcquire(alice);
        }

        _time.Advance(TimeSpan.FromSeconds(1)); // the sweep runs with 2 of 10 tokens back
        var trackedAfterFirstSweep = limiter.TrackedCallers;
        var tokensBack = Enumerable.Range(0, 3).Count(_ => limiter.TryAcquire(alice).Allowed);

        Assert.Equal(1, trackedAfterFirstSweep);
        Assert.Equal(2, tokensBack);
    }

    [Fact]
    public void A_disabled_limiter_admits_everything_and_keeps_no_state()
    {
        using var limiter = Limiter(enabled: false);

        var admitted = Enumerable.Range(0, 1000).Count(_ => limiter.TryAcquire(Caller("alice")).Allowed);

        Assert.Equal(1000, admitted);
        Assert.Equal(0, limiter.TrackedCallers);
    }
}
