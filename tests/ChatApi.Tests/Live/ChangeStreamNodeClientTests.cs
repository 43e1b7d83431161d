using System.Text.Json;
using Chatt.ChatApi.Tests.Infrastructure;
using Chatt.ChatApi.Tests.Schema;

namespace Chatt.ChatApi.Tests.Live;

/// <summary>onConversationEvent and onInbox(kinds) through the real npm clients of both WebSocket protocols (node/change-stream.mjs).</summary>
public sealed class ChangeStreamNodeClientTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    [Theory]
    [InlineData("graphql-ws")]
    [InlineData("legacy")]
    public async Task Live_changes_the_inbox_and_the_replay_after_a_rev_arrive_through_the_client_library(string protocol)
    {
        if (NodeClients.MissingReason is { } reason)
        {
            Assert.Skip(reason);
        }

        var room = await Room.CreateAsync(host, 1);
        var result = await NodeClients.RunAsync("change-stream.mjs", protocol, host.WebSocketUri.ToString(), host.GraphQLUri.ToString(),
            room.Owner.Token, room.Members[0].User.Token, room.Id);

        static JsonElement Event(JsonElement item, string field) => item.GetProperty("data").GetProperty(field);
        var live = result.GetProperty("live").EnumerateArray().Select(e => Event(e, "onConversationEvent")).ToArray();
        Assert.Equal(["MESSAGE_CREATED", "MESSAGE_EDITED", "REACTION_ADDED", "CONVERSATION_UPDATED"], live.Select(e => e.GetProperty("kind").GetString()));
        Assert.All(live, e => Assert.Equal(e.GetProperty("prevRev").GetInt32() + 1, e.GetProperty("rev").GetInt32()));
        Assert.False(live[2].GetProperty("message").GetProperty("reactions")[0].GetProperty("me").GetBoolean());
        Assert.Equal("MEMBER", live[3].GetProperty("conversation").GetProperty("myRole").GetString());

        var inbox = result.GetProperty("inbox").EnumerateArray().Select(e => Event(e, "onInbox")).ToArray();
        Assert.Equal(["MESSAGE_CREATED", "MESSAGE_EDITED", "CONVERSATION_UPDATED"], inbox.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(live.Where(e => e.GetProperty("kind").GetString() != "REACTION_ADDED").Select(e => e.GetProperty("rev").GetInt32()),
            inbox.Select(e => e.GetProperty("rev").GetInt32()));

        var replay = result.GetProperty("replay").EnumerateArray().Select(e => Event(e, "onConversationEvent")).ToArray();
        var deletion = Assert.Single(replay);
        Assert.Equal("MESSAGE_DELETED", deletion.GetProperty("kind").GetString());
        Assert.Equal(result.GetProperty("lastRev").GetInt32(), deletion.GetProperty("rev").GetInt32());
        Assert.Equal("", deletion.GetProperty("message").GetProperty("content").GetString());
    }
}
