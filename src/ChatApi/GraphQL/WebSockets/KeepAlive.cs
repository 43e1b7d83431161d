namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// Pings a socket every <see cref="GraphQLWebSocketOptions.KeepAliveInterval"/> once it is acknowledged (<c>ping</c>
/// on graphql-transport-ws, <c>ka</c> on the legacy protocol), so a client that never pings itself (graphql-ws' default)
/// keeps its idle subscription through proxies that drop silent sockets, such as the gateway after its IdleTimeout.
/// </summary>
public sealed class KeepAlive(FrameWriter frames, string messageType, TimeProvider time, TimeSpan interval) : IAsyncDisposable
{
    private ITimer? _timer;

    public void Start() =>
        _timer ??= time.CreateTimer(static state => ((KeepAlive)state!).Ping(), this, interval, interval);

    public void Ping() => frames.Send(messageType);

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }
    }
}
