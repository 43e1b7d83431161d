using System.Buffers;
using System.Net.WebSockets;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// A socket's inbound side: reads whole text messages (at most <see cref="GraphQLWebSocketOptions.MaxMessageBytes"/>,
/// else 1009) into one pooled buffer and hands each to the session, until the peer's close frame (echoed with its own
/// code) or the connection fails. Binary messages close with 4400; messages that arrive while closing are ignored.
/// Between messages the socket waits with a zero-byte read, as Kestrel and SignalR do: an idle socket (the common
/// case: a subscribed client that only listens) holds no receive buffer. The buffer is rented when a message's first
/// bytes are there and returned as soon as the message is handled.
/// </summary>
public sealed class InboundMessages(WebSocketConnection connection, int maxMessageBytes)
{
    private const int FirstBufferBytes = 4_096;

    public async Task RunAsync(Func<ReadOnlyMemory<byte>, ValueTask> onMessage)
    {
        var socket = connection.Socket;
        try
        {
            while (true)
            {
                // Completes when a frame has arrived (control frames are answered inside the WebSocket).
                var peek = await socket.ReceiveAsync(Memory<byte>.Empty, connection.Aborted);
                if (peek.MessageType == WebSocketMessageType.Close)
                {
                    EchoClose(socket);
                    return;
                }

                if (peek.EndOfMessage)
                {
                    // An empty message: nothing to buffer.
                    await HandleAsync(peek.MessageType, ReadOnlyMemory<byte>.Empty, onMessage);
                    continue;
                }

                var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferBytes);
                try
                {
                    var count = 0;
                    ValueWebSocketReceiveResult received;
                    do
                    {
                        if (count == buffer.Length)
                        {
                            if (buffer.Length >= maxMessageBytes)
                            {
                                connection.RequestClose(CloseReason.MessageTooBig);
                                return;
                            }

                            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxMessageBytes));
                            buffer.AsSpan(0, count).CopyTo(larger);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = larger;
                        }

                        received = await socket.ReceiveAsync(buffer.AsMemory(count), connection.Aborted);
                        if (received.MessageType == WebSocketMessageType.Close)
                        {
                            EchoClose(socket);
                            return;
                        }

                        count += received.Count;
                        if (count > maxMessageBytes)
                        {
                            connection.RequestClose(CloseReason.MessageTooBig);
                            return;
                        }
                    }
                    while (!received.EndOfMessage);

                    await HandleAsync(received.MessageType, buffer.AsMemory(0, count), onMessage);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            connection.RequestClose(CloseReason.Normal);
        }
    }

    private async ValueTask HandleAsync(WebSocketMessageType type, ReadOnlyMemory<byte> message, Func<ReadOnlyMemory<byte>, ValueTask> onMessage)
    {
        if (connection.IsClosing)
        {
            return;
        }

        if (type == WebSocketMessageType.Binary)
        {
            connection.RequestClose(CloseReason.BinaryMessage);
            return;
        }

        await onMessage(message);
    }

    // Echo the client's own code (the RFC's close handshake); a no-op if we started the close.
    private void EchoClose(WebSocket socket) =>
        connection.RequestClose(new CloseReason((int)(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure), socket.CloseStatusDescription ?? ""));
}
