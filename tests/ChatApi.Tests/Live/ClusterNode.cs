using Chatt.ChatApi.Tests.Events;
using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Live;

/// <summary>
/// One ChatApi instance of a test cluster: its own Kestrel port and DI container, sharing the SQLite file, the
/// nats-server and the token key with its peers — the production shape (several instances, one store, one bus)
/// on one machine.
/// </summary>
public sealed class ClusterNode(TestTokens tokens, string databasePath, string natsUrl) : ChatApiHost(tokens)
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["ConnectionStrings:chatdb"] = $"Data Source={databasePath}",
        ["ConnectionStrings:nats"] = natsUrl,
        ["Nats:SigningKey"] = NatsBuses.SigningKey,
    };
}
