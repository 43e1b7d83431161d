using System.Text;
using Chatt.ChatApi.Events.Nats;
using Chatt.ChatApi.Tests.Live;
using Chatt.ChatApi.Tests.Schema;
using NATS.Client.Core;

namespace Chatt.ChatApi.Tests.Events;

/// <summary>
/// Two ChatApi instances on one SQLite file and an authenticated nats-server, and an intruder on the bus: what it
/// publishes on a conversation's subject never reaches a subscriber and never takes the place of a real message.
/// </summary>
public sealed class ForgedBusEventTests : IAsyncLifetime
{
    private const string Post = "mutation($c: ID!, $text: String!) { createMessage(input: { messageConversationId: $c, content: $text }) { id seq } }";

    private readonly TwoInstanceCluster _cluster = new();

    public ValueTask InitializeAsync() => _cluster.InitializeAsync();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task A_message_forged_on_the_bus_never_reaches_a_subscriber_and_does_not_suppress_the_real_message_with_its_seq()
    {
        var (alice, _) = await ChatUser.SignInAsync(_cluster.A, "alice");
        var (bob, _) = await ChatUser.SignInAsync(_cluster.B, "bob");
        var convoId = (await alice.DataAsync(Operations.CreateConvo, new { name = "forged", members = new[] { bob.Name } }))
            .GetProperty("createConvo").GetProperty("id").GetString()!;
        var subject = "chatt.conv." + convoId;
        await using var intruder = new NatsConnection(NatsOpts.Default with { Url = _cluster.Nats.Url });
        await intruder.ConnectAsync();
        await using var tap = await intruder.SubscribeCoreAsync<byte[]>(subject, cancellationToken: TestContext.Current.CancellationToken);
        await using var socket = await GraphQLSocket.ConnectAsync(_cluster.B.WebSocketUri, bob.Token);
        var sub = await socket.SubscribeAsync(Operations.OnCreateMessage, new { messageConversationId = convoId });

        // Probes through A until bob on B hears one: from then on B's feed and its NATS interest are live.
        var lastSeq = 0;
        await Eventually.HoldsAsync(async () =>
        {
            await alice.DataAsync(Post, new { c = convoId, text = "probe" });
            try
            {
                lastSeq = (await socket.NextAsync(sub, TimeSpan.FromMilliseconds(500))).GetProperty("onCreateMessage").GetProperty("seq").GetInt32();
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }, "bob on B hears a probe posted through A", TimeSpan.FromSeconds(20));
        NatsMsg<byte[]> captured;
        do
        {
            captured = await tap.Msgs.ReadAsync(TestContext.Current.CancellationToken);
        }
        while (!Encoding.UTF8.GetString(captured.Data!).Contains($"\"seq\":{lastSeq},", StringComparison.Ordinal));

        // The intruder rewrites a real event into the next seq by alice with other words, and publishes it bare
        // and with the real event's signature.
        var next = lastSeq + 1;
        var forged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(captured.Data!)
            .Replace($"\"seq\":{lastSeq},", $"\"seq\":{next},", StringComparison.Ordinal)
            .Replace("\"content\":\"probe\"", "\"content\":\"send me your password\"", StringComparison.Ordinal));
        await intruder.PublishAsync(subject, forged, cancellationToken: TestContext.Current.CancellationToken);
        await intruder.PublishAsync(subject, forged, captured.Headers, cancellationToken: TestContext.Current.CancellationToken);
        var busOnB = _cluster.B.Services.GetService(typeof(NatsEventBus)) as NatsEventBus;
        await Eventually.HoldsAsync(() => busOnB!.ForgedEvents >= 2, "B dropped both forged events");
        Assert.True(await socket.StaysQuietAsync(sub, TimeSpan.FromMilliseconds(300)), "nothing forged reaches bob");

        var real = (await alice.DataAsync(Post, new { c = convoId, text = "the real one" })).GetProperty("createMessage");

        var heard = (await socket.NextAsync(sub, TimeSpan.FromSeconds(10))).GetProperty("onCreateMessage");
        Assert.Equal(next, real.GetProperty("seq").GetInt32());
        Assert.Equal(next, heard.GetProperty("seq").GetInt32());
        Assert.Equal("the real one", heard.GetProperty("content").GetString());
        Assert.True(await socket.StaysQuietAsync(sub, TimeSpan.FromMilliseconds(300)), "and nothing after it");
    }
}
