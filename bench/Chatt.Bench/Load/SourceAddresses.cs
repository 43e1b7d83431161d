using System.Net;
using System.Net.Sockets;

namespace Chatt.Bench.Load;

/// <summary>
/// Spreads client sockets over source addresses 127.0.0.1, 127.0.0.2, …: one source address and one server port
/// allow only as many connections as there are ephemeral ports (~28k here), so socket <c>i</c> binds
/// 127.0.0.(1 + i / <see cref="PerAddress"/>) before it connects.
/// </summary>
internal sealed class SourceAddresses : IDisposable
{
    public const int PerAddress = 20_000;

    private readonly Dictionary<int, HttpMessageInvoker> invokers = [];

    public HttpMessageInvoker For(int socketIndex)
    {
        var octet = 1 + socketIndex / PerAddress;
        lock (invokers)
        {
            if (!invokers.TryGetValue(octet, out var invoker))
            {
                var source = new IPEndPoint(IPAddress.Parse($"127.0.0.{octet}"), 0);
                invoker = new HttpMessageInvoker(new SocketsHttpHandler
                {
                    ConnectCallback = async (context, cancellationToken) =>
                    {
                        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                        try
                        {
                            socket.Bind(source);
                            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                            return new NetworkStream(socket, ownsSocket: true);
                        }
                        catch
                        {
                            socket.Dispose();
                            throw;
                        }
                    },
                });
                invokers.Add(octet, invoker);
            }

            return invoker;
        }
    }

    public void Dispose()
    {
        foreach (var invoker in invokers.Values)
        {
            invoker.Dispose();
        }
    }
}
