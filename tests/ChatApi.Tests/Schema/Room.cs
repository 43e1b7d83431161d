using System.Text.Json;
using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Schema;

/// <summary>
/// A conversation made by <see cref="Owner"/> with <see cref="Members"/> (fresh users each time), and the change-stream
/// operations as a client sends them. Methods ending in <c>Async</c> must succeed; use <see cref="ChatUser.ErrorCodeAsync"/>
/// with the operation constants for the refusals.
/// </summary>
internal sealed class Room
{
    /// <summary>What the tests look at on a message. Kept to one level of lists so a page of them fits the complexity budget.</summary>
    public const string MessageFields = """
        id seq rev content authorId editedAt deletedAt deletedBy { id } replyToId replyTo { id content deletedAt }
        mentions { id } mentionsMe reactions { emoji count me }
        """;

    public const string LinkFields = "id convoLinkUserId convoLinkConversationId role removedAt rev";

    public const string Post = $$"""
        mutation($id: ID, $c: ID!, $text: String!, $replyToId: ID) {
          createMessage(input: { id: $id, messageConversationId: $c, content: $text, replyToId: $replyToId }) { {{MessageFields}} }
        }
        """;

    public const string Update = $$"""
        mutation($id: ID!, $text: String!, $rev: Int!) { updateMessage(input: { id: $id, content: $text, expectedRev: $rev }) { {{MessageFields}} } }
        """;

    public const string Delete = $$"""mutation($id: ID!) { deleteMessage(input: { id: $id }) { {{MessageFields}} } }""";

    public const string AddReaction = $$"""
        mutation($id: ID!, $emoji: String!) { addReaction(input: { messageId: $id, emoji: $emoji }) { {{MessageFields}} } }
        """;

    public const string RemoveReaction = $$"""
        mutation($id: ID!, $emoji: String!) { removeReaction(input: { messageId: $id, emoji: $emoji }) { {{MessageFields}} } }
        """;

    public const string AddMember = $$"""
        mutation($c: ID!, $u: ID) { createConvoLink(input: { convoLinkConversationId: $c, convoLinkUserId: $u }) { {{LinkFields}} } }
        """;

    public const string RemoveMember = $$"""
        mutation($c: ID!, $u: ID) { deleteConvoLink(input: { convoLinkConversationId: $c, convoLinkUserId: $u }) { {{LinkFields}} } }
        """;

    public const string SetRole = $$"""
        mutation($c: ID!, $u: ID!, $role: ConvoRole!) { updateConvoLink(input: { convoLinkConversationId: $c, convoLinkUserId: $u, role: $role }) { {{LinkFields}} } }
        """;

    public const string Rename = "mutation($id: ID!, $name: String!) { updateConvo(input: { id: $id, name: $name }) { id name lastRev } }";

    public const string CreateDirect = """
        mutation($with: String!) { createConvo(input: { members: [$with], direct: true }) { id name direct members lastRev myRole } }
        """;

    public const string State = $$"""
        query($id: ID!) {
          getConvo(id: $id) {
            id name lastRev lastSeq myRole direct unreadCount unreadMentionCount members
            associated { items { {{LinkFields}} } }
          }
        }
        """;

    public const string Messages = $$"""query($id: ID!) { getConvo(id: $id) { messages { items { {{MessageFields}} } } } }""";

    public const string ChangedMessages = $$"""
        query($id: ID!, $rev: Int, $afterSeq: Int, $limit: Int, $t: String) {
          getConvo(id: $id) { lastRev messages(changedAfterRev: $rev, afterSeq: $afterSeq, limit: $limit, nextToken: $t) { items { {{MessageFields}} } nextToken } }
        }
        """;

    public const string ChangedLinks = $$"""
        query($id: ID!, $rev: Int) { getConvo(id: $id) { associated(changedAfterRev: $rev) { items { {{LinkFields}} } nextToken } } }
        """;

    private Room(ChatUser owner, string ownerId, IReadOnlyList<(ChatUser User, string Id)> members, string id)
    {
        Owner = owner;
        OwnerId = ownerId;
        Members = members;
        Id = id;
    }

    public ChatUser Owner { get; }

    public string OwnerId { get; }

    public IReadOnlyList<(ChatUser User, string Id)> Members { get; }

    public string Id { get; }

    /// <summary>Signs in an owner and <paramref name="memberCount"/> members and creates the conversation with all of them.</summary>
    public static async Task<Room> CreateAsync(ChatApiHost host, int memberCount = 2, string name = "room")
    {
        var (owner, ownerId) = await ChatUser.SignInAsync(host, "owner");
        var members = new List<(ChatUser, string)>();
        for (var i = 0; i < memberCount; i++)
        {
            members.Add(await ChatUser.SignInAsync(host, $"m{i}-"));
        }

        var created = await owner.DataAsync(Operations.CreateConvo, new { name, members = members.Select(m => m.Item1.Name).ToArray() });
        return new Room(owner, ownerId, members, created.GetProperty("createConvo").GetProperty("id").GetString()!);
    }

    public async Task<JsonElement> PostAsync(ChatUser author, string text, string? replyToId = null, string? id = null) =>
        (await author.DataAsync(Post, new { id, c = Id, text, replyToId })).GetProperty("createMessage");

    /// <summary>The conversation as <paramref name="viewer"/> (the owner by default) sees it: state, all messages, all links.</summary>
    public async Task<JsonElement> StateAsync(ChatUser? viewer = null) =>
        (await (viewer ?? Owner).DataAsync(State, new { id = Id })).GetProperty("getConvo");

    public async Task<int> LastRevAsync() => (await StateAsync()).GetProperty("lastRev").GetInt32();

    /// <summary>One message as <paramref name="viewer"/> (the owner by default) reads it in the conversation's list.</summary>
    public async Task<JsonElement> MessageAsync(string messageId, ChatUser? viewer = null) =>
        (await (viewer ?? Owner).DataAsync(Messages, new { id = Id })).GetProperty("getConvo").GetProperty("messages").GetProperty("items").EnumerateArray()
            .Single(m => m.GetProperty("id").GetString() == messageId);

    public async Task<JsonElement> LinkAsync(string userId) =>
        (await StateAsync()).GetProperty("associated").GetProperty("items").EnumerateArray()
            .Single(l => l.GetProperty("convoLinkUserId").GetString() == userId);

    public async Task<string[]> MemberNamesAsync(ChatUser? viewer = null) =>
        (await StateAsync(viewer)).GetProperty("members").EnumerateArray().Select(m => m.GetString()!).Order().ToArray();
}
