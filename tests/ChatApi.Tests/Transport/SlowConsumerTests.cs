using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Transport;

/// <summary>At most 1 MiB may wait for one socket; sends never time out before the bytes bound is reached.</summary>
public sealed class ByteBoundHost : ChatApiHost
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["GraphQL:WebSockets:MaxOutboundBytes"] = "1048576",
        ["GraphQL:WebSockets:SendTimeout"] = "00:05:00",
        ["GraphQL:WebSockets:CloseTimeout"] = "00:00:30",
    };
}

/// <summary>A send may take 1 s; the bytes bound is far away (512 MiB).</summary>
public sealed class SendTimeoutHost : ChatApiHost
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["GraphQL:WebSockets:MaxOutboundBytes"] = "536870912",
        ["GraphQL:WebSockets:SendTimeout"] = "00:00:01",
        ["GraphQL:WebSockets:CloseTimeout"] = "00:00:30",
    };
}

/// <summary>
/// A client that stops reading while its results pile up cannot pin the server's memory: over the outbound byte bound,
/// or with one send stuck longer than the send timeout, its socket is closed with 4008 and its queue released.
/// Results are made large by echoing a 900 KB alias (an inbound message may be 1 MiB).
/// </summary>
public sealed class SlowConsumerTests(ByteBoundHost bytes, SendTimeoutHost timeouts) : IClassFixture<ByteBoundHost>, IClassFixture<SendTimeoutHost>
{
    private static readonly string Alias = new('x', 900_000);

    [Theory]
    [InlineData("graphql-transport-ws", "subscribe")]
    [InlineData("graphql-ws", "start")]
    public async Task A_client_that_stops_reading_is_closed_with_4008_once_its_queued_bytes_pass_the_bound_and_its_memory_is_released(string protocol, string start)
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(bytes.WebSocketUri, protocol);
        await socket.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + bytes.Tokens.For("slow-" + start) } });
        var before = Measure();

        // 200 results of 900 KB (180 MB) for a client that reads nothing: without a byte bound they would all wait in
        // the server's queue (the loopback buffers hold only a few MB).
        var sent = await SendQueriesAsync(socket, start, count: 200);
        var after = Measure();
        var close = await socket.ReceiveCloseAsync(TimeSpan.FromSeconds(60));

        Output($"{protocol}: {sent} results of 900 KB requested without reading; managed heap {before.Heap} MB -> {after.Heap} MB, " +
            $"RSS {before.Rss} MB -> {after.Rss} MB; close {close} '{socket.CloseStatusDescription}'");
        Assert.Equal(4008, close);
        Assert.Contains("bytes", socket.CloseStatusDescription);
        Assert.True(after.Heap - before.Heap < 100, $"The managed heap grew by {after.Heap - before.Heap} MB while results piled up.");
    }

    [Fact]
    public async Task A_client_whose_socket_accepts_nothing_for_longer_than_the_send_timeout_is_closed_with_4008()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(timeouts.WebSocketUri);
        await socket.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + timeouts.Tokens.For("stuck") } });

        // 27 MB of results: more than the loopback buffers hold, far less than the byte bound. Then 3 s without reading.
        await SendQueriesAsync(socket, "subscribe", count: 30);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        var close = await socket.ReceiveCloseAsync(TimeSpan.FromSeconds(60));

        Output($"send timeout 1 s, 3 s without reading: close {close} '{socket.CloseStatusDescription}'");
        Assert.Equal(4008, close);
        Assert.Contains("timed out", socket.CloseStatusDescription);
    }

    private static async Task<int> SendQueriesAsync(GraphQLSocket socket, string type, int count)
    {
        var query = "{ " + Alias + ": __typename }";
        for (var i = 0; i < count; i++)
        {
            try
            {
                await socket.SendAsync(new { id = "q" + i, type, payload = new { query } });
            }
            catch (WebSocketException)
            {
                return i; // the server gave up on us already
            }
        }

        return count;
    }

    private static (long Heap, long Rss) Measure()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true) / 1_048_576;
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64 / 1_048_576);
    }

    private static void Output(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
