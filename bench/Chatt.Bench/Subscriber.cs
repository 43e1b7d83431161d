using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Chatt.Bench;

/// <summary>
/// One graphql-transport-ws connection subscribed to a conversation's messages, recording for each message the
/// delay from the poster's send time (carried in the content) to arrival.
/// </summary>
internal sealed class Subscriber(int expected) : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _warmed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _received;

    public List<double> LatenciesMs { get; } = new(expected);

    public Task Done => _done.Task;

    /// <summary>Completes when a warm-up message arrived: the subscription is live end to end.</summary>
    public Task Warmed => _warmed.Task;

    public int Received => _received;

    public async Task StartAsync(Uri uri, string token, string conversationId)
    {
        _socket.Options.AddSubProtocol("graphql-transport-ws");
        await _socket.ConnectAsync(uri, CancellationToken.None);
        await SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });
        await ReceiveAsync(new byte[4096]);
        await SendAsync(new
        {
            id = "1",
            type = "subscribe",
            payload = new { query = "subscription($c: ID!) { onCreateMessage(messageConversationId: $c) { seq content } }", variables = new { c = conversationId } },
        });
        _ = PumpAsync();
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (_received < expected)
            {
                var text = await ReceiveAsync(buffer);
                var arrived = Clock.NowMs();
                using var frame = JsonDocument.Parse(text);
                if (frame.RootElement.GetProperty("type").GetString() != "next")
                {
                    continue;
                }

                var content = frame.RootElement.GetProperty("payload").GetProperty("data").GetProperty("onCreateMessage").GetProperty("content").GetString()!;
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

    private async Task<string> ReceiveAsync(byte[] buffer)
    {
        var count = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"closed: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
            }

            count += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, count);
            }

            if (count == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }

    private Task SendAsync(object message) =>
        _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        }
        catch (Exception)
        {
        }

        _socket.Dispose();
    }
}

internal static class Clock
{
    private static readonly long Origin = System.Diagnostics.Stopwatch.GetTimestamp();

    public static double NowMs() => System.Diagnostics.Stopwatch.GetElapsedTime(Origin).TotalMilliseconds;
}
