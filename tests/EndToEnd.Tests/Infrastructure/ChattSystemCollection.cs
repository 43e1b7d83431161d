namespace Chatt.EndToEnd.Tests.Infrastructure;

/// <summary>The tests that share one running <see cref="WebClientSystem"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ChattSystemCollection : ICollectionFixture<WebClientSystem>
{
    public const string Name = "Chatt system with the web client";
}
