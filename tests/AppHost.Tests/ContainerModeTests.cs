namespace Chatt.AppHost.Tests;

/// <summary>The <c>Containers</c> switch: decided once, probing for a runtime only when asked to.</summary>
public sealed class ContainerModeTests
{
    private static string? NoRuntime() => null;

    private static string? ProbeMustNotRun() => throw new InvalidOperationException("The runtime probe ran although the mode was forced.");

    [Theory]
    [InlineData("auto")]
    [InlineData(null)]
    [InlineData("")]
    public void Auto_without_a_container_runtime_runs_embedded(string? setting)
    {
        var mode = ContainerMode.Decide(setting, NoRuntime);

        Assert.False(mode.UseContainers);
        Assert.Equal("embedded", mode.Name);
        Assert.Contains("no container runtime answered", mode.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_with_a_running_container_runtime_uses_containers()
    {
        var mode = ContainerMode.Decide("auto", () => "podman");

        Assert.True(mode.UseContainers);
        Assert.Contains("'podman info' answered", mode.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("never")]
    [InlineData("Never")]
    public void Never_runs_embedded_without_probing(string setting)
    {
        var mode = ContainerMode.Decide(setting, ProbeMustNotRun);

        Assert.False(mode.UseContainers);
    }

    [Theory]
    [InlineData("always")]
    [InlineData(" ALWAYS ")]
    public void Always_uses_containers_without_probing(string setting)
    {
        var mode = ContainerMode.Decide(setting, ProbeMustNotRun);

        Assert.True(mode.UseContainers);
        Assert.Equal("containers", mode.Name);
    }

    [Fact]
    public void An_unknown_setting_fails_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ContainerMode.Decide("sometimes", NoRuntime));

        Assert.Contains("'Containers'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sometimes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_probe_finds_no_runtime_when_no_candidate_is_installed()
    {
        Assert.Null(ContainerRuntimeProbe.FindRunning(["chatt-no-such-runtime"], TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void The_probe_counts_only_an_info_command_that_exits_zero()
    {
        // `true info` exits 0 and `false info` exits 1, like a runtime with and without a running engine.
        Assert.Null(ContainerRuntimeProbe.FindRunning(["false"], TimeSpan.FromSeconds(2)));
        Assert.Equal("true", ContainerRuntimeProbe.FindRunning(["false", "true"], TimeSpan.FromSeconds(2)));
    }
}
