using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Schema;

/// <summary>updateMessage: the author edits with the rev they saw; anything stale, foreign or deleted changes nothing.</summary>
public sealed class MessageEditingTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    [Fact]
    public async Task The_author_edits_a_message_and_it_gets_the_next_rev_and_an_editedAt()
    {
        var room = await Room.CreateAsync(host, 1);
        var posted = await room.PostAsync(room.Owner, "helo");
        var rev = posted.GetProperty("rev").GetInt32();

        var edited = (await room.Owner.DataAsync(Room.Update, new { id = posted.GetProperty("id").GetString(), text = "hello", rev })).GetProperty("updateMessage");

        Assert.Equal("hello", edited.GetProperty("content").GetString());
        Assert.Equal(rev + 1, edited.GetProperty("rev").GetInt32());
        Assert.Equal(posted.GetProperty("seq").GetInt32(), edited.GetProperty("seq").GetInt32());
        Assert.NotNull(edited.GetProperty("editedAt").GetString());
        Assert.Equal(rev + 1, await room.LastRevAsync());
        Assert.Equal("hello", (await room.MessageAsync(posted.GetProperty("id").GetString()!, room.Members[0].User)).GetProperty("content").GetString());
    }

    [Fact]
    public async Task Retrying_an_edit_that_already_applied_returns_the_message_and_writes_no_second_rev()
    {
        var room = await Room.CreateAsync(host, 1);
        var posted = await room.PostAsync(room.Owner, "draft");
        var edit = new { id = posted.GetProperty("id").GetString(), text = "final", rev = posted.GetProperty("rev").GetInt32() };

        var first = (await room.Owner.DataAsync(Room.Update, edit)).GetProperty("updateMessage");
        var retry = (await room.Owner.DataAsync(Room.Update, edit)).GetProperty("updateMessage");

        Assert.Equal(first.GetProperty("rev").GetInt32(), retry.GetProperty("rev").GetInt32());
        Assert.Equal("final", retry.GetProperty("content").GetString());
        Assert.Equal(first.GetProperty("rev").GetInt32(), await room.LastRevAsync());
    }

    [Fact]
    public async Task An_edit_with_a_stale_expectedRev_is_CONFLICT_and_keeps_the_newer_text()
    {
        var room = await Room.CreateAsync(host, 1);
        var posted = await room.PostAsync(room.Owner, "v1");
        var id = posted.GetProperty("id").GetString();
        var rev = posted.GetProperty("rev").GetInt32();
        await room.Owner.DataAsync(Room.Update, new { id, text = "v2", rev });
        var lastRev = await room.LastRevAsync();

        Assert.Equal("CONFLICT", await room.Owner.ErrorCodeAsync(Room.Update, new { id, text = "v3 from a stale tab", rev }));

        Assert.Equal("v2", (await room.MessageAsync(id!)).GetProperty("content").GetString());
        Assert.Equal(lastRev, await room.LastRevAsync());
    }

    [Fact]
    public async Task Editing_someone_elses_message_is_FORBIDDEN_and_changes_nothing()
    {
        var room = await Room.CreateAsync(host, 1);
        var posted = await room.PostAsync(room.Members[0].User, "mine");
        var lastRev = await room.LastRevAsync();

        // Not even the owner may put words in a member's mouth.
        Assert.Equal("FORBIDDEN", await room.Owner.ErrorCodeAsync(Room.Update, new { id = posted.GetProperty("id").GetString(), text = "yours now", rev = posted.GetProperty("rev").GetInt32() }));

        Assert.Equal("mine", (await room.MessageAsync(posted.GetProperty("id").GetString()!)).GetProperty("content").GetString());
        Assert.Equal(lastRev, await room.LastRevAsync());
    }

    [Fact]
    public async Task Editing_a_deleted_message_is_CONFLICT()
    {
        var room = await Room.CreateAsync(host, 1);
        var posted = await room.PostAsync(room.Owner, "gone soon");
        var id = posted.GetProperty("id").GetString();
        var deleted = (await room.Owner.DataAsync(Room.Delete, new { id })).GetProperty("deleteMessage");

        Assert.Equal("CONFLICT", await room.Owner.ErrorCodeAsync(Room.Update, new { id, text = "back", rev = deleted.GetProperty("rev").GetInt32() }));
        Assert.Equal("", (await room.MessageAsync(id!)).GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public async Task An_edit_to_empty_content_is_BAD_USER_INPUT_and_keeps_the_text(string text)
    {
        var room = await Room.CreateAsync(host, 1);
        var posted = await room.PostAsync(room.Owner, "keep me");
        var id = posted.GetProperty("id").GetString();

        Assert.Equal("BAD_USER_INPUT", await room.Owner.ErrorCodeAsync(Room.Update, new { id, text, rev = posted.GetProperty("rev").GetInt32() }));
        Assert.Equal("keep me", (await room.MessageAsync(id!)).GetProperty("content").GetString());
    }

    [Fact]
    public async Task Editing_a_message_that_does_not_exist_is_NOT_FOUND()
    {
        var room = await Room.CreateAsync(host, 1);

        Assert.Equal("NOT_FOUND", await room.Owner.ErrorCodeAsync(Room.Update, new { id = Guid.NewGuid().ToString("N"), text = "x", rev = 1 }));
    }
}
