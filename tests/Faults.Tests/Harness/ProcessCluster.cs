namespace Chatt.Faults.Tests.Harness;

/// <summary>
/// Two ChatApi processes on one SQLite file and one nats-server. Each trusts the cluster's <see cref="SharedStoreCluster{TNode}.Tokens"/>
/// unless <paramref name="trust"/> says otherwise (a real provider's settings), and gets <paramref name="nodeSettings"/>
/// of its name on top.
/// </summary>
internal sealed class ProcessCluster(
    Func<string, IReadOnlyDictionary<string, string?>>? nodeSettings = null,
    IReadOnlyDictionary<string, string?>? trust = null) : SharedStoreCluster<ChatApiProcess>
{
    private static readonly string[] NodeNames = ["a", "b"];

    protected override bool StartNodesTogether => true;

    public override ValueTask DisposeAsync()
    {
        foreach (var crash in NodeNames.Select(Crash).OfType<string>())
        {
            TestContext.Current.TestOutputHelper?.WriteLine(crash);
        }

        return base.DisposeAsync();
    }

    private string? Crash(string name)
    {
        try
        {
            return (name == "a" ? A : B).Crash;
        }
        catch (InvalidOperationException)
        {
            return null; // never started
        }
    }

    protected override Task<ChatApiProcess> StartNodeAsync(string name, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>(SharedSettings);
        foreach (var (key, value) in (trust ?? Tokens.Settings).Concat(nodeSettings?.Invoke(name) ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        return ChatApiProcess.StartAsync(name, settings, Path.Combine(Folder, name), cancellationToken);
    }
}
