namespace Chatt.Gateway.Tests.SecondProvider;

/// <summary>The tests that share one <see cref="SecondProviderSystem"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SecondProviderCollection : ICollectionFixture<SecondProviderSystem>
{
    public const string Name = "Second provider";
}
