using Chatt.ChatApi.Events;
using Chatt.ChatApi.Tests.Events;
using Chatt.ChatApi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chatt.ChatApi.Tests.Schema;

/// <summary>
/// What the mutations publish after commit, as the delivery side receives it from the bus: one ConversationChanged per
/// rev carrying the state after the change, the member's own topic told of joining and leaving, read marks with their
/// counts — and nothing at all for a retry that changed nothing.
/// </summary>
public sealed class ChangeEventTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    private IDisposable Listen(Topic topic, Inbox inbox) => host.Services.GetRequiredService<IEventBus>().Listen(topic, inbox.Listener);

    private static async Task<ConversationChanged> NextChangeAsync(Inbox inbox)
    {
        while (true)
        {
            if (await inbox.NextAsync() is ConversationChanged changed)
            {
                return changed;
            }
        }
    }

    [Fact]
    public async Task Each_change_is_published_once_with_its_rev_kind_actor_and_state_after()
    {
        var room = await Room.CreateAsync(host, 1);
        var (member, memberId) = room.Members[0];
        var inbox = new Inbox();
        using var _ = Listen(Topic.Conversation(room.Id), inbox);

        var id = (await room.PostAsync(member, "hello")).GetProperty("id").GetString()!;
        await member.DataAsync(Room.Update, new { id, text = "hello!", rev = 2 });
        await room.Owner.DataAsync(Room.AddReaction, new { id, emoji = "👍" });
        await room.Owner.DataAsync(Room.AddReaction, new { id, emoji = "👍" }); // no-op: no event
        await room.Owner.DataAsync(Room.Rename, new { id = room.Id, name = "renamed" });
        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = memberId });

        var created = await NextChangeAsync(inbox);
        Assert.Equal((ChangeKind.MessageCreated, 2L, memberId, "hello"), (created.Kind, created.Rev, created.ActorId, created.Message!.Content));
        var edited = await NextChangeAsync(inbox);
        Assert.Equal((ChangeKind.MessageEdited, 3L, "hello!"), (edited.Kind, edited.Rev, edited.Message!.Content));
        var reacted = await NextChangeAsync(inbox);
        Assert.Equal((ChangeKind.ReactionAdded, 4L, "👍", room.OwnerId), (reacted.Kind, reacted.Rev, reacted.Emoji, reacted.ActorId));
        Assert.Equal([room.OwnerId], Assert.Single(reacted.Message!.Reactions).UserIds);
        var renamed = await NextChangeAsync(inbox);
        Assert.Equal((ChangeKind.ConversationUpdated, 5L, "renamed"), (renamed.Kind, renamed.Rev, renamed.Conversation.Name));
        var removed = await NextChangeAsync(inbox);
        Assert.Equal((ChangeKind.MemberRemoved, 6L, memberId), (removed.Kind, removed.Rev, removed.Link!.UserId));
        Assert.NotNull(removed.Link.RemovedAt);
        Assert.Equal(6L, removed.Conversation.LastRev);
    }

    [Fact]
    public async Task Joining_and_leaving_are_published_on_the_members_own_topic()
    {
        var room = await Room.CreateAsync(host, 0);
        var (newcomer, newcomerId) = await ChatUser.SignInAsync(host, "newcomer");
        var inbox = new Inbox();
        using var _ = Listen(Topic.User(newcomerId), inbox);

        await room.Owner.DataAsync(Room.AddMember, new { c = room.Id, u = newcomerId });
        await newcomer.DataAsync(Room.RemoveMember, new { c = room.Id });

        var linked = Assert.IsType<UserLinked>(await inbox.NextAsync());
        Assert.Equal(room.Id, linked.Link.ConversationId);
        var unlinked = Assert.IsType<UserUnlinked>(await inbox.NextAsync());
        Assert.Equal(room.Id, unlinked.Link.ConversationId);
        Assert.NotNull(unlinked.Link.RemovedAt);
    }

    [Fact]
    public async Task Moving_the_read_mark_publishes_the_new_counts_on_the_readers_topic()
    {
        var room = await Room.CreateAsync(host, 1);
        var (reader, readerId) = room.Members[0];
        await room.PostAsync(room.Owner, $"@{reader.Name} one");
        await room.PostAsync(room.Owner, "two");
        var inbox = new Inbox();
        using var _ = Listen(Topic.User(readerId), inbox);

        await reader.DataAsync("mutation($c: ID!) { markRead(conversationId: $c, seq: 1) { id } }", new { c = room.Id });

        var moved = Assert.IsType<ReadMarkMoved>(await inbox.NextAsync());
        Assert.Equal((room.Id, 1L, 1, 0), (moved.ConversationId, moved.Seq, moved.UnreadCount, moved.UnreadMentionCount));
    }

    [Fact]
    public async Task A_retry_that_changes_nothing_publishes_nothing()
    {
        var room = await Room.CreateAsync(host, 1);
        var id = (await room.PostAsync(room.Owner, "x", id: Guid.NewGuid().ToString())).GetProperty("id").GetString();
        await room.Owner.DataAsync(Room.Delete, new { id });
        var inbox = new Inbox();
        using var _ = Listen(Topic.Conversation(room.Id), inbox);

        await room.Owner.DataAsync(Room.Post, new { id, c = room.Id, text = "x" });
        await room.Owner.DataAsync(Room.Delete, new { id });
        await room.Owner.DataAsync(Room.Rename, new { id = room.Id, name = "room" });
        await room.Owner.DataAsync(Room.AddMember, new { c = room.Id, u = room.Members[0].Id });
        await room.Owner.DataAsync(Room.SetRole, new { c = room.Id, u = room.Members[0].Id, role = "MEMBER" });

        Assert.Null(await inbox.NextOrNullAsync(TimeSpan.FromMilliseconds(300)));
    }
}
