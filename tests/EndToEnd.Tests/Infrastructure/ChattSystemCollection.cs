namespace Chatt.EndToEnd.Tests.Infrastructure;

/// <summary>The tests that share one running <see cref="ChattSystem"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ChattSystemCollection : ICollectionFixture<ChattSystem>
{
    public const string Name = "Chatt system with the web client";
}
