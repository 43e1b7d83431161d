namespace Chatt.Gateway.Tests.Infrastructure;

/// <summary>The tests that share one <see cref="GatewayTestsSystem"/> (starting it takes a few seconds).</summary>
[CollectionDefinition(Name)]
public sealed class ChattSystemCollection : ICollectionFixture<GatewayTestsSystem>
{
    public const string Name = "Chatt system";
}
