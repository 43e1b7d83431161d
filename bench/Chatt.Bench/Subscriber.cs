using Chatt.Bench.Measure;
using Chatt.Tests.Support;

namespace Chatt.Bench;

/// <summary>
/// One graphql-transport-ws connection subscribed to a conversation's messages, recording for each message the
/// delay from the poster's send time (carried in the content) to arrival.
/// </summary>
internal sealed class Subscriber(int expected) : IAsyncDisposable
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _warmed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GraphQLSocket? _socket;
    private int _received;

    public List<double> LatenciesMs { get; } = new(expected);

    public Task Done => _done.Task;

    /// <summary>Completes when a warm-up message arrived: the subscription is live end to end.</summary>
    public Task Warmed => _warmed.Task;

    public int Received => _received;

    public async Task StartAsync(Uri uri, string token, string conversationId)
    {
        _socket = await GraphQLSocket.ConnectAsync(uri, token);
        var id = await _socket.SubscribeAsync(
            "subscription($c: ID!) { onCreateMessage(messageConversationId: $c) { seq content } }", new { c = conversationId });
        _ = PumpAsync(_socket, id);
    }

    private async Task PumpAsync(GraphQLSocket socket, string id)
    {
        try
        {
            while (_received < expected)
            {
                var data = await socket.NextAsync(id, TimeSpan.FromMinutes(5));
                var arrived = Clock.NowMs();
                var content = data.GetProperty("onCreateMessage").GetProperty("content").GetString()!;
                if (content == "warm")
                {
                    _warmed.TrySetResult();
                }
                else if (content.StartsWith("t=", StringComparison.Ordinal))
                {
                    LatenciesMs.Add(arrived - double.Parse(content.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture));
                    _received++;
                }
            }

            _done.TrySetResult();
        }
        catch (Exception exception)
        {
            _done.TrySetException(exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket is not null)
        {
            await _socket.DisposeAsync();
        }
    }
}
