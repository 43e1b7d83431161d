using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Chatt.Tests.Support;

/// <summary>Real Kestrel ports on loopback addresses, so the services reach each other the way they do in production.</summary>
public static class Loopback
{
    /// <summary>A port that is free now; for a service whose address another must know before it starts.</summary>
    public static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <paramref name="factory"/> on Kestrel at <paramref name="address"/>:<paramref name="port"/> (0: any) and returns its base URI.</summary>
    public static Uri Start<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory, IPAddress address, int port = 0)
        where TEntryPoint : class
    {
        factory.UseKestrel(kestrel => kestrel.Listen(address, port));
        factory.StartServer();
        var bound = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(bound.TrimEnd('/') + "/");
    }
}
