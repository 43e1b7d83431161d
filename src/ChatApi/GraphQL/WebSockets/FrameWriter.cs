using System.Text.Json;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// The one way a socket's frames are written: <c>{"id":…,"type":…,"payload":…}</c> serialized once with
/// <see cref="Utf8JsonWriter"/> into a pooled array and queued on the connection. The payload is an object
/// (serialized with GraphQL.NET's options, so results and errors look exactly as over HTTP) or JSON that is already
/// serialized (a subscription event resolved once for many subscribers), copied as is. A payload serialized here stops
/// at <paramref name="maxPayloadBytes"/> (<see cref="Execution.GraphQLOptions.MaxResponseBytes"/>) with
/// <see cref="Execution.ResponseTooLargeException"/>, and nothing is queued.
/// </summary>
public sealed class FrameWriter(WebSocketConnection connection, JsonSerializerOptions json, int maxPayloadBytes = int.MaxValue)
{
    /// <summary>A frame without payload (acks, pings, complete).</summary>
    public void Send(string type, string? id = null) => Write(type, id, null, default);

    /// <summary>A frame whose payload is serialized here.</summary>
    public void Send(string type, string? id, object payload) => Write(type, id, payload, default);

    /// <summary>A frame whose payload is already JSON; the bytes are copied, so the caller keeps its buffer.</summary>
    public void SendSerialized(string type, string id, ReadOnlySpan<byte> payloadJson) => Write(type, id, null, payloadJson);

    private void Write(string type, string? id, object? payload, ReadOnlySpan<byte> payloadJson)
    {
        var buffer = new PooledBufferWriter(payloadJson.Length + 64, payload is null ? int.MaxValue : maxPayloadBytes);
        try
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                if (id is not null)
                {
                    writer.WriteString("id", id);
                }

                writer.WriteString("type", type);
                if (payload is not null)
                {
                    writer.WritePropertyName("payload");
                    JsonSerializer.Serialize(writer, payload, payload.GetType(), json);
                }
                else if (!payloadJson.IsEmpty)
                {
                    writer.WritePropertyName("payload");
                    writer.WriteRawValue(payloadJson, skipInputValidation: true);
                }

                writer.WriteEndObject();
            }

            connection.TrySend(buffer.Detach());
        }
        finally
        {
            buffer.Dispose();
        }
    }
}
