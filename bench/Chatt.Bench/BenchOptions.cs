using System.Globalization;
using Chatt.Bench.Load;

namespace Chatt.Bench;

/// <summary>
/// Command-line settings (<c>--name value</c>). Defaults are the issue's targets where a 2-core machine reaches them
/// in a few minutes; the CI smoke passes small values. Every loop is bounded by a count or a duration.
/// </summary>
internal sealed record BenchOptions
{
    /// <summary>writes, idle, rooms, nats, soak, fanout, paging (comma-separated), or all.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = ["writes", "idle", "rooms", "nats", "soak"];

    /// <summary>A ChatApi.dll the generator starts itself (one or two instances, nats-server for two); else <see cref="Url"/>.</summary>
    public string? ChatApiDll { get; init; }

    public Uri? Url { get; init; }

    public string? SigningKey { get; init; }

    /// <summary>With <see cref="Url"/>: the server's process id, so its CPU and memory can be read.</summary>
    public int? ServerPid { get; init; }

    /// <summary>ChatApi instances for rooms and soak (nats always compares one with two).</summary>
    public int Instances { get; init; } = 1;

    public SubscriptionKind Subscription { get; init; } = SubscriptionKind.OnInbox;

    public int Posters { get; init; } = 32;

    public int WriteConversations { get; init; } = 64;

    public TimeSpan WriteDuration { get; init; } = TimeSpan.FromSeconds(15);

    public int IdleSockets { get; init; } = 5_000;

    public int IdleUsers { get; init; } = 500;

    public int Conversations { get; init; } = 2_000;

    public int Members { get; init; } = 25;

    public int Users { get; init; } = 10_000;

    /// <summary>Posts per second, spread at random over the conversations (rooms, nats, soak).</summary>
    public int Rate { get; init; } = 200;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan SoakDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>dotnet-gcdump, for the per-type breakdown of the idle scenario (absent: GC numbers only).</summary>
    public string? GcDump { get; init; }

    // The first scenarios (fanout, paging).
    public int Subscribers { get; init; } = 200;

    public int Messages { get; init; } = 2000;

    public int ClassicPosters { get; init; } = 8;

    public int PageRequests { get; init; } = 2000;

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(120);

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value', got '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        var defaults = new BenchOptions();
        int Int(string name, int fallback) => values.Remove(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        TimeSpan Seconds(string name, TimeSpan fallback) => values.Remove(name, out var v) ? TimeSpan.FromSeconds(double.Parse(v, CultureInfo.InvariantCulture)) : fallback;
        string? Text(string name, string? fallback = null) => values.Remove(name, out var v) ? v : fallback;

        var scenarios = Text("scenario", "all")!;
        var options = new BenchOptions
        {
            Scenarios = scenarios == "all" ? defaults.Scenarios : scenarios.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ChatApiDll = Text("chatapi"),
            Url = Text("url") is { } url ? new Uri(url) : null,
            SigningKey = Text("signing-key", Environment.GetEnvironmentVariable("CHATT_BENCH_KEY")),
            ServerPid = values.ContainsKey("server-pid") ? Int("server-pid", 0) : null,
            Instances = Int("instances", defaults.Instances),
            Subscription = Text("subscription") is { } kind ? Load.Subscriptions.Parse(kind) : defaults.Subscription,
            Posters = Int("posters", defaults.Posters),
            WriteConversations = Int("write-conversations", defaults.WriteConversations),
            WriteDuration = Seconds("write-seconds", defaults.WriteDuration),
            IdleSockets = Int("sockets", defaults.IdleSockets),
            IdleUsers = Int("idle-users", defaults.IdleUsers),
            Conversations = Int("conversations", defaults.Conversations),
            Members = Int("members", defaults.Members),
            Users = Int("users", defaults.Users),
            Rate = Int("rate", defaults.Rate),
            Duration = Seconds("seconds", defaults.Duration),
            SoakDuration = Seconds("soak-seconds", defaults.SoakDuration),
            GcDump = Text("gcdump"),
            Subscribers = Int("subscribers", defaults.Subscribers),
            Messages = Int("messages", defaults.Messages),
            ClassicPosters = Int("classic-posters", defaults.ClassicPosters),
            PageRequests = Int("page-requests", defaults.PageRequests),
            TimeLimit = Seconds("time-limit-seconds", defaults.TimeLimit),
        };

        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}.");
        }

        if (options.ChatApiDll is null && options.Url is null)
        {
            throw new ArgumentException("Give --chatapi PATH/ChatApi.dll (the generator starts the servers) or --url URL --signing-key KEY.");
        }

        if (options.Url is { IsLoopback: false })
        {
            throw new ArgumentException("The benchmark only targets loopback addresses.");
        }

        if (options.Url is not null && string.IsNullOrEmpty(options.SigningKey))
        {
            throw new ArgumentException("--signing-key (base64) is required with --url.");
        }

        if (options.Members > options.Users || options.Members < 2)
        {
            throw new ArgumentException("--members must be between 2 and --users.");
        }

        return options;
    }
}
