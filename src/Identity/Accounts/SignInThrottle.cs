using System.Net;
using Microsoft.Extensions.Options;

namespace Chatt.Identity.Accounts;

/// <summary>
/// Brute-force protection of the sign-in form (rules: <see cref="SignInThrottleOptions"/>). Only wrong passwords count;
/// a refused attempt is answered before the password is checked, so it neither reveals whether the password was right
/// nor costs a hash. A right password clears the counters of its account. Unknown usernames are throttled exactly like
/// real ones (the key is the normalized username), so the answers do not reveal which accounts exist.
/// Counters live in this process: with several provider replicas each keeps its own, which multiplies an attacker's
/// budget by the replica count but never locks anyone out longer.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    /// <summary>How long this attempt must wait; zero when it may go ahead.</summary>
    public TimeSpan RetryAfter(string username, IPAddress? address)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        lock (_gate)
        {
            var wait = TimeSpan.Zero;
            if (Find(PairKey(username, address), now) is { } pair)
            {
                wait = Max(wait, pair.LastFailure + Delay(pair.Failures, settings.FreeFailuresPerAccountAndAddress, settings.MaxDelayPerAccountAndAddress) - now);
            }

            if (Find(AccountKey(username), now) is { } account)
            {
                wait = Max(wait, account.LastFailure + Delay(account.Failures, settings.FreeFailuresPerAccount, settings.MaxDelayPerAccount) - now);
            }

            if (Find(AddressKey(address), now) is { } ip && ip.Failures >= settings.FailuresPerAddress)
            {
                wait = Max(wait, ip.FirstFailure + settings.AddressWindow - now);
            }

            return wait;
        }
    }

    public void RecordFailure(string username, IPAddress? address)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Count(PairKey(username, address), now, window: null);
            Count(AccountKey(username), now, window: null);
            Count(AddressKey(address), now, options.Value.AddressWindow);
        }
    }

    public void RecordSuccess(string username, IPAddress? address)
    {
        lock (_gate)
        {
            _counters.Remove(PairKey(username, address));
            _counters.Remove(AccountKey(username));
        }
    }

    /// <summary>The wait after the n-th failure: none for the free ones, then base, 2×base, 4×base, … up to the cap.</summary>
    private TimeSpan Delay(int failures, int free, TimeSpan cap)
    {
        if (failures < free)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - free, 30);
        var delay = options.Value.BaseDelay * Math.Pow(2, doublings);
        return delay < cap ? delay : cap;
    }

    private Counter? Find(string key, DateTimeOffset now) =>
        _counters.TryGetValue(key, out var counter) && now - counter.LastFailure < options.Value.ForgetAfter ? counter : null;

    private void Count(string key, DateTimeOffset now, TimeSpan? window)
    {
        if (Find(key, now) is not { } counter || (window is { } w && now - counter.FirstFailure >= w))
        {
            MakeRoom(now);
            counter = new Counter { FirstFailure = now };
            _counters[key] = counter;
        }

        counter.Failures++;
        counter.LastFailure = now;
    }

    private void MakeRoom(DateTimeOffset now)
    {
        if (_counters.Count < options.Value.MaxTrackedKeys)
        {
            return;
        }

        foreach (var (key, counter) in _counters)
        {
            if (now - counter.LastFailure >= options.Value.ForgetAfter)
            {
                _counters.Remove(key);
            }
        }

        // Still full of live counters (a flood of distinct names): forget the quietest tenth rather than grow.
        if (_counters.Count >= options.Value.MaxTrackedKeys)
        {
            foreach (var key in _counters.OrderBy(c => c.Value.LastFailure).Take(Math.Max(1, _counters.Count / 10)).Select(c => c.Key).ToList())
            {
                _counters.Remove(key);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string AccountKey(string username) => "a:" + AccountRules.Normalize(username);

    // IPv6 by /64: one subscriber usually holds a whole /64, and rotating within it must not reset the counters.
    private static string AddressKey(IPAddress? address) => "i:" + address switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } => Convert.ToHexString(address.GetAddressBytes(), 0, 8) + "::/64",
        _ => address.ToString(),
    };

    private static string PairKey(string username, IPAddress? address) => AddressKey(address) + "|" + AccountKey(username);

    private sealed class Counter
    {
        public required DateTimeOffset FirstFailure { get; init; }

        public DateTimeOffset LastFailure { get; set; }

        public int Failures { get; set; }
    }
}
