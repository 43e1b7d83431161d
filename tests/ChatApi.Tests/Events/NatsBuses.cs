using Chatt.ChatApi.Events.Nats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;

namespace Chatt.ChatApi.Tests.Events;

/// <summary>NATS buses for tests: a named connection (to find it in /connz), quick reconnects, the tests' signing key.</summary>
public static class NatsBuses
{
    /// <summary>The deployment key every test instance shares (as every ChatApi instance of one deployment does).</summary>
    public const string SigningKey = SharedStoreCluster.SigningKey;

    /// <summary>A bus that has started connecting, as the host starts it.</summary>
    public static NatsEventBus Create(string url, string name, ILogger<NatsEventBus>? logger = null,
        TimeSpan? reconnectWait = null, int outboxCapacity = 10_000)
    {
        var bus = CreateUnstarted(url, name, logger, reconnectWait, outboxCapacity);
        bus.Start();
        return bus;
    }

    /// <summary>A bus whose host has not started it yet: publishes wait in its outbox.</summary>
    public static NatsEventBus CreateUnstarted(string url, string name, ILogger<NatsEventBus>? logger = null,
        TimeSpan? reconnectWait = null, int outboxCapacity = 10_000)
    {
        var wait = reconnectWait ?? TimeSpan.FromMilliseconds(100);
        return new(NatsOpts.Default with
        {
            Url = url,
            Name = name,
            ReconnectWaitMin = wait,
            ReconnectWaitMax = wait + TimeSpan.FromMilliseconds(150),
            ReconnectJitter = TimeSpan.FromMilliseconds(50),
            ConnectTimeout = TimeSpan.FromSeconds(1),
            CommandTimeout = TimeSpan.FromSeconds(1),
        }, new NatsBusSettings { SigningKey = SigningKey, OutboxCapacity = outboxCapacity }, logger ?? NullLogger<NatsEventBus>.Instance);
    }
}
