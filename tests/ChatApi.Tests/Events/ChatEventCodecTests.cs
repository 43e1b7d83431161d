using System.Buffers;
using System.Text.Json;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Events.Nats;

namespace Chatt.ChatApi.Tests.Events;

public sealed class ChatEventCodecTests
{
    public static TheoryData<string> Kinds => ["message", "linked", "user", "changed", "unlinked", "read mark"];

    private static ChatEvent Sample(string kind) => kind switch
    {
        "message" => Samples.Message("c1", 3),
        "linked" => Samples.Linked("u1", "c1"),
        "changed" => Samples.Changed("c1", 7),
        "unlinked" => Samples.Unlinked("u1", "c1"),
        "read mark" => Samples.ReadMark("u1", "c1"),
        _ => Samples.User("u1"),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_event_kind_reads_back_equal_with_timestamps_exact_to_the_tick_and_offset(string kind)
    {
        var written = Sample(kind);

        var read = ChatEventCodec.Instance.Deserialize(new ReadOnlySequence<byte>(Encode(written)));

        Assert.Equal(written, read);
        var (before, after) = (Times(written), Times(read!));
        Assert.Equal(before.Select(t => (t.Ticks, t.Offset)), after.Select(t => (t.Ticks, t.Offset)));
    }

    [Fact]
    public void A_message_event_is_one_tag_byte_and_the_message_fields_without_envelope_or_nulls()
    {
        var created = Samples.Message("c1", 2);
        Assert.Null(created.Message.ClientCreatedAt);

        var bytes = Encode(created);

        Assert.Equal((byte)'M', bytes[0]);
        using var json = JsonDocument.Parse(bytes.AsMemory(1));
        Assert.Equal(
            ["id", "conversationId", "authorId", "content", "seq", "createdAt", "updatedAt", "rev", "mentionIds", "mentionsAll", "reactions"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_change_event_names_its_kind_and_the_roles_by_name_so_the_wire_form_survives_a_reordered_enum()
    {
        var json = System.Text.Encoding.UTF8.GetString(Encode(Samples.Changed("c1", 7)).AsSpan(1));
        var unlinked = System.Text.Encoding.UTF8.GetString(Encode(Samples.Unlinked("u1", "c1")).AsSpan(1));

        Assert.Equal((byte)'C', Encode(Samples.Changed("c1", 7))[0]);
        Assert.Contains("\"kind\":\"ReactionAdded\"", json, StringComparison.Ordinal);
        Assert.Contains("\"role\":\"Admin\"", unlinked, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_tag_or_an_empty_payload_reads_as_no_event()
    {
        Assert.Null(ChatEventCodec.Instance.Deserialize(new ReadOnlySequence<byte>("X{}"u8.ToArray())));
        Assert.Null(ChatEventCodec.Instance.Deserialize(ReadOnlySequence<byte>.Empty));
    }

    private static byte[] Encode(ChatEvent chatEvent)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ChatEventCodec.Instance.Serialize(buffer, chatEvent);
        return buffer.WrittenSpan.ToArray();
    }

    private static DateTimeOffset[] Times(ChatEvent e) => e switch
    {
        MessageCreated m => [m.Message.CreatedAt, m.Message.UpdatedAt],
        UserLinked l => [l.Link.CreatedAt, l.Link.UpdatedAt, l.Conversation.CreatedAt, l.Conversation.UpdatedAt, l.Conversation.LastActivityAt],
        UserCreated u => [u.User.CreatedAt, u.User.UpdatedAt],
        ConversationChanged c => [c.At, c.Message!.CreatedAt, c.Message.EditedAt!.Value, c.Conversation.LastActivityAt],
        UserUnlinked u => [u.Link.CreatedAt, u.Link.RemovedAt!.Value, u.Conversation.UpdatedAt],
        _ => [],
    };
}
