namespace Chatt.Deploy.Tests;

public sealed class ChartLintTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(Chart.ProductionValues)]
    public void The_chart_passes_strict_lint(string? valuesFile)
    {
        var result = Chart.Lint(valuesFile);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("0 chart(s) failed", result.StandardOutput, StringComparison.Ordinal);
    }
}
