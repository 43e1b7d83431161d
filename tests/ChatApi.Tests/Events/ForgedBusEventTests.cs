using System.Text;
using Chatt.ChatApi.Events.Nats;
using Chatt.ChatApi.Tests.Infrastructure;
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

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatt-forged-" + Guid.NewGuid().ToString("N"));
    private readonly TestTokens _tokens = new();
    private NatsServer? _nats;
    private ClusterNode? _a;
    private ClusterNode? _b;

    public async ValueTask InitializeAsync()
    {
        NatsServer.SkipIfMissing();
        Directory.CreateDirectory(_folder);
        _nats = await NatsServer.StartAsync(TestContext.Current.CancellationToken);
        var database = Path.Combine(_folder, "chatt.db");
        _a = new ClusterNode(_tokens, database, _nats.Url);
        _b = new ClusterNode(_tokens, database, _nats.Url);
        await _a.InitializeAsync();
        await _b.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in new[] { _a, _b })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }
        if (_nats is not null)
        {
            await _nats.DisposeAsync();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_message_forged_on_the_bus_never_reaches_a_subscriber_and_does_not_suppress_the_real_message_with_its_seq()
    {
        var (alice, _) = await ChatUser.SignInAsync(_a!, "alice");
        var (bob, _) = await ChatUser.SignInAsync(_b!, "bob");
        var convoId = (await alice.DataAsync(Operations.CreateConvo, new { name = "forged", members = new[] { bob.Name } }))
            .GetProperty("createConvo").GetProperty("id").GetString()!;
        var subject = "chatt.conv." + convoId;
        await using var intruder = new NatsConnection(NatsOpts.Default with { Url = _nats!.Url });
        await intruder.ConnectAsync();
        await using var tap = await intruder.SubscribeCoreAsync<byte[]>(subject, cancellationToken: TestContext.Current.CancellationToken);
        await using var socket = await GraphQLSocket.ConnectAsync(_b!.WebSocketUri, bob.Token);
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
        var busOnB = _b.Services.GetService(typeof(NatsEventBus)) as NatsEventBus;
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
