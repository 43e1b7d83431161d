using Chatt.ChatApi.Events.Nats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;

namespace Chatt.ChatApi.Tests.Events;

/// <summary>NATS buses for tests: a named connection (to find it in /connz) and quick reconnects.</summary>
public static class NatsBuses
{
    public static NatsEventBus Create(string url, string name, ILogger<NatsEventBus>? logger = null) =>
        new(NatsOpts.Default with
        {
            Url = url,
            Name = name,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(100),
            ReconnectWaitMax = TimeSpan.FromMilliseconds(250),
            ReconnectJitter = TimeSpan.FromMilliseconds(50),
            ConnectTimeout = TimeSpan.FromSeconds(1),
            CommandTimeout = TimeSpan.FromSeconds(1),
        }, logger ?? NullLogger<NatsEventBus>.Instance);
}
