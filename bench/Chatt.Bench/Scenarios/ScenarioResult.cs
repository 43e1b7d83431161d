using System.Globalization;
using System.Text;

namespace Chatt.Bench.Scenarios;

/// <summary>
/// What one scenario run measured: Markdown rows for the report, and the counts the CI smoke checks (loss and order
/// only — never speed).
/// </summary>
internal sealed class ScenarioResult(string title)
{
    private readonly List<(string Measure, string Value)> rows = [];

    public string Title { get; } = title;

    public long Expected { get; set; }

    public long Delivered { get; set; }

    public long Lost => Math.Max(0, Expected - Delivered);

    public long OutOfOrder { get; set; }

    public long Duplicates { get; set; }

    public long RevGaps { get; set; }

    public long Failures { get; set; }

    public string? FirstFailure { get; set; }

    /// <summary>Set when the target lacks what the scenario needs (e.g. onConversationEvent before it lands).</summary>
    public string? Unavailable { get; set; }

    public IReadOnlyDictionary<string, double> Numbers => numbers;

    private readonly Dictionary<string, double> numbers = [];

    public ScenarioResult Row(string measure, string value)
    {
        rows.Add((measure, value));
        return this;
    }

    /// <summary>A row that is also kept as a number (for ratios between runs, e.g. two instances against one).</summary>
    public ScenarioResult Number(string key, double value, string measure, string format = "F1")
    {
        numbers[key] = value;
        return Row(measure, value.ToString(format, CultureInfo.InvariantCulture));
    }

    public ScenarioResult Counts(Load.Deliveries deliveries, long expected)
    {
        Expected = expected;
        Delivered = deliveries.Unique;
        OutOfOrder = deliveries.OutOfOrder;
        Duplicates = deliveries.Duplicates;
        RevGaps = deliveries.RevGaps;
        Failures = deliveries.Failures;
        FirstFailure = deliveries.FirstFailure;
        return this;
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder().Append("## ").AppendLine(Title).AppendLine();
        if (Unavailable is not null)
        {
            return text.Append("Not run: ").AppendLine(Unavailable).AppendLine().ToString();
        }

        text.AppendLine("| measure | value |").AppendLine("|---|---|");
        foreach (var (measure, value) in rows)
        {
            text.Append("| ").Append(measure).Append(" | ").Append(value).AppendLine(" |");
        }

        text.Append(CultureInfo.InvariantCulture, $"| delivered / expected (lost) | {Delivered} / {Expected} ({Lost}) |").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"| out of order / duplicates / rev gaps | {OutOfOrder} / {Duplicates} / {RevGaps} |").AppendLine();
        if (Failures > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"| failed subscriptions (first) | {Failures} ({FirstFailure?.ReplaceLineEndings(" ")}) |").AppendLine();
        }

        return text.AppendLine().ToString();
    }
}

internal static class ScenarioResultExtensions
{
    public static ScenarioResult With(this ScenarioResult result, Action<ScenarioResult> set)
    {
        set(result);
        return result;
    }
}
