using Chatt.Tests.Support;

namespace Chatt.EndToEnd.Tests.Infrastructure;

/// <summary><see cref="ChattSystem"/> with the Gateway serving the built web client from src/Web/dist.</summary>
public sealed class WebClientSystem : ChattSystem
{
    protected override IReadOnlyDictionary<string, string?> GatewaySettings => new Dictionary<string, string?>(base.GatewaySettings)
    {
        ["Gateway:WebRoot"] = Repository.WebDist,
    };
}
