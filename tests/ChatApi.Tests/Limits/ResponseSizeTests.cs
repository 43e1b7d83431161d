using System.Net;
using Chatt.ChatApi.Tests.Schema;

namespace Chatt.ChatApi.Tests.Limits;

/// <summary>
/// The response-size guard behind the cost budget: a result whose serialization would pass
/// <c>GraphQL:MaxResponseBytes</c> is replaced by one <c>RESPONSE_TOO_LARGE</c> error, over HTTP and over WebSocket.
/// </summary>
public sealed class ResponseSizeTests(ResponseSizeTests.Host host, ITestOutputHelper output) : IClassFixture<ResponseSizeTests.Host>
{
    private const int MaxBytes = 65_536;

    public sealed class Host : ChatApiHost
    {
        protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
        {
            ["GraphQL:MaxResponseBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private const string Page = "query($id: ID!, $limit: Int) { getConvo(id: $id) { messages(limit: $limit) { items { id content } } } }";

    /// <summary>A room with 24 messages of 4000 characters: ~96 KB as one page, ~16 KB as a page of 4.</summary>
    private async Task<Room> LongMessagesAsync()
    {
        var room = await Room.CreateAsync(host, 0);
        for (var i = 0; i < 24; i++)
        {
            await room.PostAsync(room.Owner, new string((char)('a' + i), 4000));
        }

        return room;
    }

    [Fact]
    public async Task A_response_over_the_maximum_is_replaced_by_RESPONSE_TOO_LARGE_over_HTTP()
    {
        var room = await LongMessagesAsync();

        var whole = await GraphQLPost.SendAsync(host, room.Owner.Token, Page, new { id = room.Id, limit = 24 });
        var part = await GraphQLPost.SendAsync(host, room.Owner.Token, Page, new { id = room.Id, limit = 4 });
        output.WriteLine(whole.Body.GetRawText());

        Assert.Equal(HttpStatusCode.OK, whole.Status);
        Assert.Equal("RESPONSE_TOO_LARGE", whole.Code);
        Assert.Equal(MaxBytes, whole.Extensions.GetProperty("maxBytes").GetInt32());
        Assert.Equal(4, part.Body.GetProperty("data").GetProperty("getConvo").GetProperty("messages").GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_response_over_the_maximum_is_replaced_by_RESPONSE_TOO_LARGE_over_WebSocket_and_the_socket_stays_open()
    {
        var room = await LongMessagesAsync();
        await using var socket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, room.Owner.Token);

        var whole = await socket.SubscribeAsync(Page, new { id = room.Id, limit = 24 });
        var next = await socket.NextFrameAsync(whole);
        var complete = await socket.NextFrameAsync(whole);
        var part = await socket.NextAsync(await socket.SubscribeAsync(Page, new { id = room.Id, limit = 4 }));

        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal("RESPONSE_TOO_LARGE", next.GetProperty("payload").GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("complete", complete.GetProperty("type").GetString());
        Assert.Equal(4, part.GetProperty("getConvo").GetProperty("messages").GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_batch_over_the_maximum_answers_RESPONSE_TOO_LARGE_for_each_of_its_operations()
    {
        var room = await LongMessagesAsync();
        var request = new { query = Page, variables = new { id = room.Id, limit = 12 } };

        var batch = await GraphQLPost.SendJsonAsync(host, room.Owner.Token, new[] { request, request });

        Assert.Equal(2, batch.Body.GetArrayLength());
        Assert.All(batch.Body.EnumerateArray(), result =>
            Assert.Equal("RESPONSE_TOO_LARGE", result.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()));
    }
}
