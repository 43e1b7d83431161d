using System.Buffers;
using System.Text.Json;
using NATS.Client.Core;

namespace Chatt.ChatApi.Events.Nats;

/// <summary>
/// The wire form of a <see cref="ChatEvent"/> on NATS: one ASCII discriminator byte (<c>M</c> message created,
/// <c>L</c> user linked, <c>U</c> user created, <c>C</c> conversation changed, <c>R</c> read mark moved,
/// <c>K</c> user unlinked, <c>T</c> typing changed) followed by the event's record as source-generated JSON
/// (camelCase, nulls left out). No envelope and no type names, so a message costs only its own fields.
/// Times are written by System.Text.Json's round-trip ISO-8601 form, which keeps every tick and the offset,
/// so an event read back equals the one written.
/// </summary>
public sealed class ChatEventCodec : INatsSerialize<ChatEvent>, INatsDeserialize<ChatEvent>
{
    public static ChatEventCodec Instance { get; } = new();

    private const byte MessageCreatedTag = (byte)'M';
    private const byte UserLinkedTag = (byte)'L';
    private const byte UserCreatedTag = (byte)'U';
    private const byte ConversationChangedTag = (byte)'C';
    private const byte ReadMarkMovedTag = (byte)'R';
    private const byte UserUnlinkedTag = (byte)'K';
    private const byte TypingChangedTag = (byte)'T';

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private ChatEventCodec()
    {
    }

    public void Serialize(IBufferWriter<byte> bufferWriter, ChatEvent value)
    {
        ArgumentNullException.ThrowIfNull(bufferWriter);
        var writer = t_writer ??= new Utf8JsonWriter(bufferWriter, new JsonWriterOptions { SkipValidation = true });
        writer.Reset(bufferWriter);
        try
        {
            switch (value)
            {
                case MessageCreated created:
                    WriteTag(bufferWriter, MessageCreatedTag);
                    JsonSerializer.Serialize(writer, created.Message, ChatEventJsonContext.Default.Message);
                    break;
                case UserLinked linked:
                    WriteTag(bufferWriter, UserLinkedTag);
                    JsonSerializer.Serialize(writer, linked, ChatEventJsonContext.Default.UserLinked);
                    break;
                case UserCreated created:
                    WriteTag(bufferWriter, UserCreatedTag);
                    JsonSerializer.Serialize(writer, created.User, ChatEventJsonContext.Default.User);
                    break;
                case ConversationChanged changed:
                    WriteTag(bufferWriter, ConversationChangedTag);
                    JsonSerializer.Serialize(writer, changed, ChatEventJsonContext.Default.ConversationChanged);
                    break;
                case ReadMarkMoved moved:
                    WriteTag(bufferWriter, ReadMarkMovedTag);
                    JsonSerializer.Serialize(writer, moved, ChatEventJsonContext.Default.ReadMarkMoved);
                    break;
                case UserUnlinked unlinked:
                    WriteTag(bufferWriter, UserUnlinkedTag);
                    JsonSerializer.Serialize(writer, unlinked, ChatEventJsonContext.Default.UserUnlinked);
                    break;
                case TypingChanged typing:
                    WriteTag(bufferWriter, TypingChangedTag);
                    JsonSerializer.Serialize(writer, typing, ChatEventJsonContext.Default.TypingChanged);
                    break;
                default:
                    throw new NotSupportedException($"No wire form for {value?.GetType().Name ?? "null"}.");
            }
            writer.Flush();
        }
        finally
        {
            // Don't keep the caller's buffer reachable from the thread.
            writer.Reset(Stream.Null);
        }
    }

    /// <summary>Returns null for an empty or unknown payload; throws <see cref="JsonException"/> for a broken one.</summary>
    public ChatEvent? Deserialize(in ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return null;
        }
        var tag = buffer.FirstSpan[0];
        var reader = new Utf8JsonReader(buffer.Slice(1));
        return tag switch
        {
            MessageCreatedTag => new MessageCreated(Required(JsonSerializer.Deserialize(ref reader, ChatEventJsonContext.Default.Message))),
            UserLinkedTag => Required(JsonSerializer.Deserialize(ref reader, ChatEventJsonContext.Default.UserLinked)),
            UserCreatedTag => new UserCreated(Required(JsonSerializer.Deserialize(ref reader, ChatEventJsonContext.Default.User))),
            ConversationChangedTag => Required(JsonSerializer.Deserialize(ref reader, ChatEventJsonContext.Default.ConversationChanged)),
            ReadMarkMovedTag => Required(JsonSerializer.Deserialize(ref reader, ChatEventJsonContext.Default.ReadMarkMoved)),
            UserUnlinkedTag => Required(JsonSerializer.Deserialize(ref reader, ChatEventJsonContext.Default.UserUnlinked)),
            TypingChangedTag => Required(JsonSerializer.Deserialize(ref reader, ChatEventJsonContext.Default.TypingChanged)),
            _ => null,
        };
    }

    private static void WriteTag(IBufferWriter<byte> bufferWriter, byte tag)
    {
        bufferWriter.GetSpan(1)[0] = tag;
        bufferWriter.Advance(1);
    }

    private static T Required<T>(T? value) where T : class =>
        value ?? throw new JsonException("The event payload was JSON null.");
}
