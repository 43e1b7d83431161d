using Chatt.ChatApi.Common;
using Chatt.ChatApi.Storage;

namespace Chatt.ChatApi.Users;

/// <summary>The rules about users: anyone signed in sees public profiles; only you change your username.</summary>
public sealed class UserService(IChatStore store, TimeProvider time)
{
    public async Task<User> GetRequiredAsync(string id, CancellationToken cancellationToken) =>
        await store.GetUserAsync(id, cancellationToken) ?? throw ChatException.NotFound("User");

    public Task<User?> FindAsync(string id, CancellationToken cancellationToken) =>
        Ids.IsWellFormed(id) ? store.GetUserAsync(id, cancellationToken) : throw ChatException.BadInput("'id' is not a valid id.");

    /// <summary>Sets the caller's own username (the original API's <c>createUser</c>).</summary>
    public async Task<User> SetUsernameAsync(string callerId, string? username, CancellationToken cancellationToken)
    {
        username = Usernames.Normalize(username);
        if (!Usernames.IsValid(username))
        {
            throw ChatException.BadInput($"'username' must be 1–{Usernames.MaxLength} letters, digits or . _ - @ +.");
        }

        var current = await GetRequiredAsync(callerId, cancellationToken);
        if (current.Username == username)
        {
            return current;
        }

        return await store.RenameUserAsync(callerId, username!, Timestamps.Truncate(time.GetUtcNow()), cancellationToken);
    }

    public Task<Page<User>> ListAsync(PageRequest page, string? usernamePrefix, CancellationToken cancellationToken) =>
        store.ListUsersAsync(page, usernamePrefix, cancellationToken);
}
