using Chatt.ChatApi.Common;
using Chatt.ChatApi.Users;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Storage.Sqlite;

// Usernames are unique by Usernames.Key (case folding + UTS #39 skeleton), which SQL cannot compute: the key is a
// stored column written with every username, and a unique index on it is the rule. NOCASE on the username column
// folds ASCII only, so it stays as it was (any two names it calls equal have equal keys) but decides nothing.
public sealed partial class SqliteChatStore
{
    /// <summary>
    /// Adds <c>username_key</c> (the uniqueness key) and <c>provider_username_key</c> (the key of the name the identity
    /// provider asked for at first sign-in; NULL for accounts from before, which count as owning their names) and
    /// computes the key of every row that has none. Runs after the numbered migrations under its own write lock, and is
    /// idempotent, so processes starting together do it once. Rows that collide (lookalikes accepted before the rule)
    /// keep their order: the oldest account keeps its name, each later one gets a derived name, as provisioning does.
    /// </summary>
    private static async Task MigrateUsernameKeysAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        var columns = await QueryRowsAsync(connection, transaction, "SELECT name FROM pragma_table_info('users')", r => r.GetString(0), cancellationToken);
        if (!columns.Contains("username_key"))
        {
            await ExecuteAsync(connection, transaction,
                "ALTER TABLE users ADD COLUMN username_key TEXT; ALTER TABLE users ADD COLUMN provider_username_key TEXT; " +
                "CREATE UNIQUE INDEX ux_users_username_key ON users (username_key);", cancellationToken);
        }

        var unkeyed = await QueryRowsAsync(connection, transaction,
            "SELECT id, username FROM users WHERE username_key IS NULL ORDER BY created_at, id", r => (Id: r.GetString(0), Username: r.GetString(1)), cancellationToken);
        foreach (var (id, username) in unkeyed)
        {
            for (var attempt = 0; ; attempt++)
            {
                var candidate = attempt == 0 ? username : Usernames.Candidate(username, attempt);
                var key = Usernames.Key(candidate);
                if (!await QuerySingleAsync(connection, transaction, "SELECT 1 FROM users WHERE username_key = @k", _ => true, cancellationToken, ("@k", key)))
                {
                    await ExecuteAsync(connection, transaction, "UPDATE users SET username = @u, username_key = @k WHERE id = @id", cancellationToken,
                        ("@u", candidate), ("@k", key), ("@id", id));
                    break;
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Picks the new account's username inside the provisioning transaction: the wanted name when free; when its holder
    /// holds it only by choice, that holder moves to a derived name and the newcomer gets it; otherwise a derived name.
    /// </summary>
    private async Task<string> ClaimUsernameAsync(SqliteConnection connection, SqliteTransaction transaction, string wanted, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(wanted))
        {
            var holder = await QuerySingleAsync(connection, transaction,
                "SELECT id, username, username_key, provider_username_key FROM users WHERE username_key = @k",
                r => (Id: r.GetString(0), Username: r.GetString(1), Key: r.GetString(2), ProviderKey: r.IsDBNull(3) ? null : r.GetString(3)),
                cancellationToken, ("@k", Usernames.Key(wanted)));
            if (holder.Id is null)
            {
                return wanted;
            }

            if (!Usernames.IsProviderOwned(holder.Key, holder.ProviderKey))
            {
                var moved = await FreeCandidateAsync(connection, transaction, holder.Username, firstAttempt: 1, cancellationToken);
                await ExecuteAsync(connection, transaction, "UPDATE users SET username = @u, username_key = @k, updated_at = @t WHERE id = @id", cancellationToken,
                    ("@u", moved), ("@k", Usernames.Key(moved)), ("@t", Timestamps.ToText(Timestamps.Truncate(time.GetUtcNow()))), ("@id", holder.Id));
                return wanted;
            }
        }

        return await FreeCandidateAsync(connection, transaction, wanted, firstAttempt: 1, cancellationToken);
    }

    private static async Task<string> FreeCandidateAsync(SqliteConnection connection, SqliteTransaction transaction, string wanted, int firstAttempt,
        CancellationToken cancellationToken)
    {
        for (var attempt = firstAttempt; ; attempt++)
        {
            var candidate = Usernames.Candidate(wanted, attempt);
            if (!await QuerySingleAsync(connection, transaction, "SELECT 1 FROM users WHERE username_key = @k", _ => true, cancellationToken, ("@k", Usernames.Key(candidate))))
            {
                return candidate;
            }
        }
    }

    private static async Task<List<T>> QueryRowsAsync<T>(SqliteConnection connection, SqliteTransaction transaction, string sql, Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken)
    {
        await using var command = Prepare(connection, transaction, sql, []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
