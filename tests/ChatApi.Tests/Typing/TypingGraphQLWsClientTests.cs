using Chatt.ChatApi.Tests.Infrastructure;
using Chatt.ChatApi.Tests.Schema;

namespace Chatt.ChatApi.Tests.Typing;

/// <summary><c>setTyping</c> and <c>onTyping</c> as the real npm <c>graphql-ws</c> client sends and receives them.</summary>
public sealed class TypingGraphQLWsClientTests(TypingHost host) : IClassFixture<TypingHost>
{
    [Fact]
    public async Task The_graphql_ws_client_watches_a_member_start_typing_once_despite_a_repeat_and_stop_and_never_hears_its_own()
    {
        if (NodeClients.MissingReason is { } reason)
        {
            Assert.Skip(reason);
        }

        var room = await Room.CreateAsync(host, 1);
        var (typist, typistId) = room.Members[0];

        var result = await NodeClients.RunAsync("typing-client.mjs", host.WebSocketUri.ToString(), room.Owner.Token, typist.Token, room.Id);

        var heard = result.GetProperty("heard").EnumerateArray().ToArray();
        Assert.Equal([true, false], heard.Select(e => e.GetProperty("typing").GetBoolean()));
        Assert.All(heard, e => Assert.Equal(typistId, e.GetProperty("user").GetProperty("id").GetString()));
        Assert.All(heard, e => Assert.Equal(room.Id, e.GetProperty("conversationId").GetString()));
        Assert.Equal(result.GetProperty("start").GetProperty("expiresAt").GetString(), result.GetProperty("again").GetProperty("expiresAt").GetString());
        Assert.Equal(result.GetProperty("start").GetProperty("expiresAt").GetString(), heard[0].GetProperty("expiresAt").GetString());
        Assert.False(result.GetProperty("stop").GetProperty("typing").GetBoolean());
        Assert.Empty(result.GetProperty("typistHeard").EnumerateArray());
    }
}
