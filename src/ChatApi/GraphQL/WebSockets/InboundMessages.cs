using System.Buffers;
using System.Net.WebSockets;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// A socket's inbound side: reads whole text messages (at most <see cref="GraphQLWebSocketOptions.MaxMessageBytes"/>,
/// else 1009) into one pooled buffer and hands each to the session, until the peer's close frame (echoed with its own
/// code) or the connection fails. Binary messages close with 4400; messages that arrive while closing are ignored.
/// </summary>
public sealed class InboundMessages(WebSocketConnection connection, int maxMessageBytes)
{
    public async Task RunAsync(Func<ReadOnlyMemory<byte>, ValueTask> onMessage)
    {
        var socket = connection.Socket;
        var buffer = ArrayPool<byte>.Shared.Rent(4_096);
        try
        {
            while (true)
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
                        // Echo the client's own code (the RFC's close handshake); a no-op if we started the close.
                        connection.RequestClose(new CloseReason((int)(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure), socket.CloseStatusDescription ?? ""));
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

                if (connection.IsClosing)
                {
                    continue;
                }

                if (received.MessageType == WebSocketMessageType.Binary)
                {
                    connection.RequestClose(CloseReason.BinaryMessage);
                    continue;
                }

                await onMessage(buffer.AsMemory(0, count));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            connection.RequestClose(CloseReason.Normal);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
