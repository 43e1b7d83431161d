namespace Chatt.ChatApi.Users;

/// <summary>
/// A person. <see cref="Id"/> is ours; <see cref="Subject"/> is the identity provider's <c>sub</c> that
/// provisioned it (never shown to other users). Usernames are unique ignoring case.
/// </summary>
public sealed record User
{
    public required string Id { get; init; }
    public required string Subject { get; init; }
    public required string Username { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
