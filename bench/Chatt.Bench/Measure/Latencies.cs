namespace Chatt.Bench.Measure;

/// <summary>Latency samples in milliseconds, safe to add to from many tasks.</summary>
internal sealed class Latencies
{
    private readonly List<double> samples = [];
    private double[]? sorted;

    public int Count
    {
        get
        {
            lock (samples)
            {
                return samples.Count;
            }
        }
    }

    public void Add(double milliseconds)
    {
        lock (samples)
        {
            samples.Add(milliseconds);
            sorted = null;
        }
    }

    public double Percentile(double q)
    {
        lock (samples)
        {
            sorted ??= [.. samples.Order()];
            return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        }
    }

    public string Describe() => $"{Percentile(0.50):F1} / {Percentile(0.95):F1} / {Percentile(0.99):F1} / {Percentile(1):F1}";
}
