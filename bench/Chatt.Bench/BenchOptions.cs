namespace Chatt.Bench;

/// <summary>Command-line settings; defaults fit a 2-core machine in well under a minute.</summary>
internal sealed record BenchOptions(
    Uri Url,
    string SigningKey,
    string Issuer,
    string Audience,
    int Subscribers,
    int Messages,
    int Posters,
    int PageRequests,
    TimeSpan TimeLimit)
{
    public static BenchOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var index = Array.IndexOf(args, "--" + name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        var url = new Uri(Get("url", "http://127.0.0.1:5199/"));
        if (!url.IsLoopback)
        {
            throw new ArgumentException("The benchmark only targets loopback addresses.");
        }

        return new BenchOptions(
            url,
            Get("signing-key", Environment.GetEnvironmentVariable("CHATT_BENCH_KEY") ?? "") is { Length: > 0 } key
                ? key
                : throw new ArgumentException("--signing-key (base64) is required"),
            Get("issuer", "chatt-bench"),
            Get("audience", "chatt-api"),
            int.Parse(Get("subscribers", "200"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("messages", "2000"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("posters", "8"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("page-requests", "2000"), System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(int.Parse(Get("time-limit-seconds", "120"), System.Globalization.CultureInfo.InvariantCulture)));
    }
}
