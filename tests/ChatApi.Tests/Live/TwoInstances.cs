namespace Chatt.ChatApi.Tests.Live;

/// <summary>
/// Two ChatApi instances (<see cref="A"/>, <see cref="B"/>) on one SQLite file and one real nats-server — the
/// production shape on one machine. Per test: a test class holds one and forwards its xunit lifetime to it, so a
/// test that stops NATS never disturbs another. Skips the test when nats-server is not installed.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatt-cluster-" + Guid.NewGuid().ToString("N"));
    private readonly TestTokens _tokens = new();
    private NatsServer? _nats;
    private ClusterNode? _a;
    private ClusterNode? _b;

    public ClusterNode A => _a!;

    public ClusterNode B => _b!;

    public NatsServer Nats => _nats!;

    public async ValueTask StartAsync()
    {
        NatsServer.SkipIfMissing();
        Directory.CreateDirectory(_folder);
        _nats = await NatsServer.StartAsync(TestContext.Current.CancellationToken);
        var database = Path.Combine(_folder, "chatt.db");
        _a = new ClusterNode(_tokens, database, _nats.Url);
        _b = new ClusterNode(_tokens, database, _nats.Url);
        await _a.InitializeAsync();
        await _b.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in new[] { _a, _b })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        if (_nats is not null)
        {
            await _nats.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
