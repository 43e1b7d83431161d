using System.Text;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Users;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, safe to share between processes. Every operation opens a
/// pooled connection (Microsoft.Data.Sqlite keeps the native handles); every write that reads before it writes
/// runs in <c>BEGIN IMMEDIATE</c>, which takes the file's single write lock up front, so two processes can never
/// both read the same LastSeq. Durability stays at SQLite's default (synchronous=FULL): a seq acknowledged to a
/// client must never be handed out again after a power loss.
/// </summary>
public sealed partial class SqliteChatStore(string connectionString, TimeProvider time, IdGenerator ids) : IChatStore, IDisposable
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintForeignKey = 787;

    private const string UserColumns = "id, subject, username, created_at, updated_at";
    private const string ConversationColumns = "id, name, created_by, created_at, updated_at, last_seq, last_activity_at, last_rev, rev, direct_key";
    private const string LinkColumns = "id, user_id, conversation_id, created_at, updated_at, role, removed_at, rev";
    private const string MessageColumns = "id, conversation_id, author_id, content, seq, created_at, updated_at, client_created_at, " +
        "rev, edited_at, deleted_at, deleted_by, reply_to_id, mentions, mentions_all, reactions";

    /// <summary>Creates or migrates the schema. Run once at start (see <see cref="SqliteStoreExtensions"/>).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await SqliteSchema.MigrateAsync(connection, cancellationToken);
        await MigrateUsernameKeysAsync(connection, cancellationToken);
    }

    // Users

    public async Task<(User User, bool Created)> ProvisionUserAsync(string subject, string wantedUsername, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (await QuerySingleAsync(connection, null, $"SELECT {UserColumns} FROM users WHERE subject = @s", ReadUser, cancellationToken, ("@s", subject)) is { } known)
        {
            return (known, false);
        }

        return await WriteAsync(async () =>
        {
            // Re-read under the write lock: another request or process may have provisioned this subject meanwhile.
            await using var transaction = connection.BeginTransaction(deferred: false);
            if (await QuerySingleAsync(connection, transaction, $"SELECT {UserColumns} FROM users WHERE subject = @s", ReadUser, cancellationToken, ("@s", subject)) is { } existing)
            {
                return (existing, false);
            }

            var username = await ClaimUsernameAsync(connection, transaction, wantedUsername, cancellationToken);
            var now = Timestamps.Truncate(time.GetUtcNow());
            var user = new User { Id = ids.NewId(), Subject = subject, Username = username, CreatedAt = now, UpdatedAt = now };
            await ExecuteAsync(connection, transaction,
                $"INSERT INTO users ({UserColumns}, username_key, provider_username_key) VALUES (@id, @s, @u, @t, @t, @k, @pk)", cancellationToken,
                ("@id", user.Id), ("@s", subject), ("@u", username), ("@t", Timestamps.ToText(now)),
                ("@k", Usernames.Key(username)), ("@pk", Usernames.ProviderKey(wantedUsername)));
            await transaction.CommitAsync(cancellationToken);
            return (user, true);
        }, cancellationToken);
    }

    public async Task<User?> GetUserAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await QuerySingleAsync(connection, null, $"SELECT {UserColumns} FROM users WHERE id = @id", ReadUser, cancellationToken, ("@id", id));
    }

    public Task<IReadOnlyList<User>> GetUsersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        QueryByValuesAsync($"SELECT {UserColumns} FROM users WHERE id IN (SELECT value FROM json_each(@values))", ids, ReadUser, cancellationToken);

    // By key (SqliteChatStore.Usernames.cs), so "equal" is the uniqueness rule's equal and the unique index serves the IN.
    public Task<IReadOnlyList<User>> FindUsersByUsernameAsync(IReadOnlyCollection<string> usernames, CancellationToken cancellationToken) =>
        QueryByValuesAsync($"SELECT {UserColumns} FROM users WHERE username_key IN (SELECT value FROM json_each(@values))", Usernames.KeysOf(usernames), ReadUser, cancellationToken);

    public async Task<User> RenameUserAsync(string id, string username, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            return await WriteAsync(() => QuerySingleAsync(connection, null,
                       $"UPDATE users SET username = @u, username_key = @k, updated_at = @t WHERE id = @id RETURNING {UserColumns}", ReadUser, cancellationToken,
                       ("@u", username), ("@k", Usernames.Key(username)), ("@t", Timestamps.ToText(now)), ("@id", id)), cancellationToken)
                   ?? throw ChatException.NotFound("User");
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
        {
            throw new ChatException(ErrorCodes.UsernameTaken, $"The username '{username}' is taken.");
        }
    }

    public async Task<Page<User>> ListUsersAsync(PageRequest page, string? usernamePrefix, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {UserColumns} FROM users WHERE 1");
        if (!string.IsNullOrEmpty(usernamePrefix))
        {
            // LIKE ignores ASCII case, as the username's NOCASE collation does; the prefix's own wildcards are escaped.
            sql.Append(@" AND username LIKE @prefix ESCAPE '\'");
            command.Parameters.AddWithValue("@prefix", EscapeLike(usernamePrefix) + "%");
        }

        return await PageByTimeAndIdAsync(command, sql, page, "created_at", "id", UserFilterColumn, ReadUser,
            u => PageKeys.TimeAndId(u.CreatedAt, u.Id), cancellationToken);
    }

    private static string? UserFilterColumn(FilterField field) => field switch
    {
        FilterField.Id => "id",
        FilterField.CreatedAt => "created_at",
        FilterField.UpdatedAt => "updated_at",
        _ => null,
    };

    private static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private static User ReadUser(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Subject = r.GetString(1),
        Username = r.GetString(2),
        CreatedAt = Timestamps.Parse(r.GetString(3)),
        UpdatedAt = Timestamps.Parse(r.GetString(4)),
    };
}
