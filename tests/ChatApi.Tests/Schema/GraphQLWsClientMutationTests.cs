using System.Text.Json;
using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Schema;

/// <summary>
/// The change-stream mutations through the real <c>graphql-ws</c> client over WebSocket, each replayed as an offline
/// outbox would: every retry answers the same state and takes no second rev (node/change-mutations.mjs).
/// </summary>
public sealed class GraphQLWsClientMutationTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    [Fact]
    public async Task Every_mutation_works_over_graphql_ws_and_its_retry_changes_nothing()
    {
        if (NodeClients.MissingReason is { } reason)
        {
            Assert.Skip(reason);
        }

        var (owner, _) = await ChatUser.SignInAsync(host, "wsowner");
        var (member, _) = await ChatUser.SignInAsync(host, "wsmember");

        var results = await NodeClients.RunAsync("change-mutations.mjs", host.WebSocketUri.ToString(), owner.Token, member.Token, member.Name);

        JsonElement Data(string step, string field) => results.GetProperty(step).GetProperty("data").GetProperty(field);
        int Rev(string step, string field) => Data(step, field).GetProperty("rev").GetInt32();

        Assert.Equal("OWNER", Data("createConvo", "createConvo").GetProperty("myRole").GetString());
        Assert.Equal(Data("createMessage", "createMessage").GetProperty("seq").GetInt32(), Data("createMessageRetry", "createMessage").GetProperty("seq").GetInt32());
        Assert.Equal("hello", Data("updateMessage", "updateMessage").GetProperty("content").GetString());
        Assert.Equal(Rev("createMessage", "createMessage") + 1, Rev("updateMessage", "updateMessage"));
        Assert.Equal(Rev("updateMessage", "updateMessage"), Rev("updateMessageRetry", "updateMessage"));
        Assert.Equal(1, Data("addReactionRetry", "addReaction").GetProperty("reactions")[0].GetProperty("count").GetInt32());
        Assert.True(Data("addReactionRetry", "addReaction").GetProperty("reactions")[0].GetProperty("me").GetBoolean());
        Assert.Equal(Rev("addReaction", "addReaction"), Rev("addReactionRetry", "addReaction"));
        Assert.Empty(Data("removeReaction", "removeReaction").GetProperty("reactions").EnumerateArray());
        Assert.Equal(Rev("removeReaction", "removeReaction"), Rev("removeReactionRetry", "removeReaction"));
        Assert.Equal("renamed over ws", Data("updateConvo", "updateConvo").GetProperty("name").GetString());
        Assert.Equal(Data("updateConvo", "updateConvo").GetProperty("lastRev").GetInt32(), Data("updateConvoRetry", "updateConvo").GetProperty("lastRev").GetInt32());
        Assert.Equal("ADMIN", Data("updateConvoLink", "updateConvoLink").GetProperty("role").GetString());
        Assert.Equal(Rev("updateConvoLink", "updateConvoLink"), Rev("updateConvoLinkRetry", "updateConvoLink"));
        Assert.Equal("", Data("deleteMessage", "deleteMessage").GetProperty("content").GetString());
        Assert.Equal(Rev("deleteMessage", "deleteMessage"), Rev("deleteMessageRetry", "deleteMessage"));
        Assert.NotEqual(JsonValueKind.Null, Data("deleteConvoLink", "deleteConvoLink").GetProperty("removedAt").ValueKind);
        Assert.Equal(Rev("deleteConvoLink", "deleteConvoLink"), Rev("deleteConvoLinkRetry", "deleteConvoLink"));
        Assert.Equal("FORBIDDEN", results.GetProperty("getConvoAfterRemovalRefused").GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(Data("createDirect", "createConvo").GetProperty("id").GetString(), Data("createDirectRetry", "createConvo").GetProperty("id").GetString());
        Assert.True(Data("createDirect", "createConvo").GetProperty("direct").GetBoolean());
        // creation 1, post 2, edit 3, reaction 4 and 5, rename 6, role 7, delete 8, removal 9: the retries took none.
        Assert.Equal(9, Data("final", "getConvo").GetProperty("lastRev").GetInt32());
    }
}
