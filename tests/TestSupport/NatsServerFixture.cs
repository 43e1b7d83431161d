namespace Chatt.Tests.Support;

/// <summary>One nats-server shared by a test class's tests (those that never stop it).</summary>
public sealed class NatsServerFixture : IAsyncLifetime
{
    private NatsServer? _server;

    /// <summary>The running server; skips the calling test, with the reason, where nats-server is missing.</summary>
    public NatsServer Server
    {
        get
        {
            NatsServer.SkipIfMissing();
            return _server ?? throw new InvalidOperationException("nats-server fixture did not start.");
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (NatsServer.BinaryPath is not null)
        {
            _server = await NatsServer.StartAsync(TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
