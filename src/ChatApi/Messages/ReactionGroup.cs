namespace Chatt.ChatApi.Messages;

/// <summary>
/// One emoji's reactions on a message: how many, and who (in the order they reacted). The reactor ids are kept
/// on the message so a per-caller "did I react" is answered from the message in memory, without a store read.
/// <see cref="Count"/> always equals <c>UserIds.Count</c>. Compares by value, lists included.
/// </summary>
public sealed record ReactionGroup(string Emoji, int Count, IReadOnlyList<string> UserIds)
{
    public bool Equals(ReactionGroup? other) =>
        other is not null && Emoji == other.Emoji && Count == other.Count && UserIds.SequenceEqual(other.UserIds);

    public override int GetHashCode() => HashCode.Combine(Emoji, Count);
}
