namespace Chatt.AppHost.Tests;

/// <summary>What this machine may lack for the end-to-end tests, as skips that say why.</summary>
internal static class Skips
{
    public static void UnlessNatsServerOnPath() =>
        Assert.SkipWhen(NatsResource.FindNatsServerOnPath() is null,
            "nats-server is not on PATH: the embedded mode then runs one ChatApi replica on the in-process bus, so there are no two replicas to chat across (apt-get install nats-server).");
}
