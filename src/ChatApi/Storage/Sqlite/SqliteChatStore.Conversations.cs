using System.Text;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Storage.Sqlite;

public sealed partial class SqliteChatStore
{
    private static readonly string ConversationColumnsOfC = string.Join(", ", ConversationColumns.Split(", ").Select(c => "c." + c));

    public Task<ConversationCreation> CreateConversationAsync(Conversation conversation, IReadOnlyList<ConvoLink> links, CancellationToken cancellationToken)
    {
        if (conversation.Direct)
        {
            throw new ArgumentException("Direct conversations are made by FindOrCreateDirectConversationAsync.", nameof(conversation));
        }

        return CreateAsync(conversation, links, directKey: null, cancellationToken);
    }

    public Task<ConversationCreation> FindOrCreateDirectConversationAsync(Conversation conversation, IReadOnlyList<ConvoLink> links, CancellationToken cancellationToken) =>
        CreateAsync(conversation, links, ChangeRules.DirectKey(links), cancellationToken);

    private async Task<ConversationCreation> CreateAsync(Conversation conversation, IReadOnlyList<ConvoLink> links, string? directKey, CancellationToken cancellationToken)
    {
        ChangeRules.RequireLinksOf(conversation, links);
        var (created, createdLinks) = ChangeRules.AsCreated(conversation, links, direct: directKey is not null);
        await using var connection = await OpenAsync(cancellationToken);
        return await WriteAsync(async () =>
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            if (directKey is not null
                && await QuerySingleAsync(connection, transaction, $"SELECT {ConversationColumns} FROM conversations WHERE direct_key = @key", ReadConversation,
                    cancellationToken, ("@key", directKey)) is { } existing)
            {
                // Under the write lock, so no other process can be creating the same pair right now.
                var current = await QueryListAsync(connection, transaction,
                    $"SELECT {LinkColumns} FROM convo_links WHERE conversation_id = @conv AND removed_at IS NULL ORDER BY created_at, id", ReadLink,
                    cancellationToken, ("@conv", existing.Id));
                return new ConversationCreation(existing, current, Created: false);
            }

            try
            {
                await ExecuteAsync(connection, transaction,
                    $"INSERT INTO conversations ({ConversationColumns}) VALUES (@id, @name, @by, @c, @u, @seq, @a, 1, 1, @key)", cancellationToken,
                    ("@id", created.Id), ("@name", created.Name), ("@by", created.CreatedBy),
                    ("@c", Timestamps.ToText(created.CreatedAt)), ("@u", Timestamps.ToText(created.UpdatedAt)),
                    ("@seq", created.LastSeq), ("@a", Timestamps.ToText(created.LastActivityAt)), ("@key", directKey));

                await using var insertLink = connection.CreateCommand();
                insertLink.Transaction = transaction;
                insertLink.CommandText = $"INSERT INTO convo_links ({LinkColumns}) VALUES (@id, @user, @conv, @c, @u, @role, NULL, 1)";
                var id = insertLink.Parameters.Add("@id", SqliteType.Text);
                var user = insertLink.Parameters.Add("@user", SqliteType.Text);
                var conv = insertLink.Parameters.Add("@conv", SqliteType.Text);
                var createdAt = insertLink.Parameters.Add("@c", SqliteType.Text);
                var updatedAt = insertLink.Parameters.Add("@u", SqliteType.Text);
                var role = insertLink.Parameters.Add("@role", SqliteType.Text);
                foreach (var link in createdLinks)
                {
                    (id.Value, user.Value, conv.Value, role.Value) = (link.Id, link.UserId, link.ConversationId, RoleNames.ToText(link.Role));
                    (createdAt.Value, updatedAt.Value) = (Timestamps.ToText(link.CreatedAt), Timestamps.ToText(link.UpdatedAt));
                    await insertLink.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
            {
                // Disposing the transaction rolls everything back: no conversation without its links.
                throw e.SqliteExtendedErrorCode == SqliteConstraintForeignKey
                    ? ChatException.NotFound("A member or the creator")
                    : new ChatException(ErrorCodes.Conflict, "The conversation or one of its links already exists.");
            }

            await transaction.CommitAsync(cancellationToken);
            return new ConversationCreation(created, createdLinks, Created: true);
        }, cancellationToken);
    }

    public async Task<Conversation?> GetConversationAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await QuerySingleAsync(connection, null, $"SELECT {ConversationColumns} FROM conversations WHERE id = @id", ReadConversation, cancellationToken, ("@id", id));
    }

    public Task<IReadOnlyList<Conversation>> GetConversationsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        QueryByValuesAsync($"SELECT {ConversationColumns} FROM conversations WHERE id IN (SELECT value FROM json_each(@values))", ids, ReadConversation, cancellationToken);

    public Task<Change<Conversation>> RenameConversationAsync(string conversationId, string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeAsync(conversationId,
            async (connection, transaction) =>
            {
                var current = await ReadConversationAsync(connection, transaction, conversationId, cancellationToken);
                return (current, ChangeRules.Rename(current, name, now));
            },
            (renamed, rev) => renamed with { Rev = rev, LastRev = rev },
            (connection, transaction, renamed) => ExecuteAsync(connection, transaction,
                "UPDATE conversations SET name = @name, updated_at = @u, rev = @rev WHERE id = @id", cancellationToken,
                ("@name", renamed.Name), ("@u", Timestamps.ToText(renamed.UpdatedAt)), ("@rev", renamed.Rev), ("@id", renamed.Id)),
            cancellationToken);

    // Links

    public Task<Change<ConvoLink>> AddLinkAsync(ConvoLink link, CancellationToken cancellationToken) =>
        ChangeAsync(link.ConversationId,
            async (connection, transaction) =>
            {
                var existing = await ReadLinkAsync(connection, transaction, link.ConversationId, link.UserId, cancellationToken);
                var added = ChangeRules.Add(existing, link with { RemovedAt = null });
                return (existing ?? link, added);
            },
            (added, rev) => added with { Rev = rev },
            async (connection, transaction, added) =>
            {
                try
                {
                    // An upsert on the link's id: a new link is inserted, a revived tombstone updated in place.
                    await ExecuteAsync(connection, transaction,
                        $"INSERT INTO convo_links ({LinkColumns}) VALUES (@id, @user, @conv, @c, @u, @role, NULL, @rev) " +
                        "ON CONFLICT (id) DO UPDATE SET role = excluded.role, removed_at = NULL, updated_at = excluded.updated_at, rev = excluded.rev",
                        cancellationToken,
                        ("@id", added.Id), ("@user", added.UserId), ("@conv", added.ConversationId), ("@c", Timestamps.ToText(added.CreatedAt)),
                        ("@u", Timestamps.ToText(added.UpdatedAt)), ("@role", RoleNames.ToText(added.Role)), ("@rev", added.Rev));
                }
                catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
                {
                    throw e.SqliteExtendedErrorCode == SqliteConstraintForeignKey
                        ? ChatException.NotFound("The user or the conversation")
                        : new ChatException(ErrorCodes.Conflict, "A link with this id already exists.");
                }
            },
            cancellationToken);

    public Task<Change<ConvoLink>> RemoveLinkAsync(string conversationId, string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeAsync(conversationId,
            async (connection, transaction) =>
            {
                var current = await ReadLinkAsync(connection, transaction, conversationId, userId, cancellationToken) ?? throw ChatException.NotFound("Member");
                var (owners, members) = await CountOthersAsync(connection, transaction, conversationId, userId, cancellationToken);
                return (current, ChangeRules.Remove(current, now, owners, members));
            },
            (removed, rev) => removed with { Rev = rev },
            WriteLinkStateAsync(cancellationToken),
            cancellationToken);

    public Task<Change<ConvoLink>> UpdateLinkRoleAsync(string conversationId, string userId, ConvoRole role, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeAsync(conversationId,
            async (connection, transaction) =>
            {
                var current = await ReadLinkAsync(connection, transaction, conversationId, userId, cancellationToken) ?? throw ChatException.NotFound("Member");
                var (owners, _) = await CountOthersAsync(connection, transaction, conversationId, userId, cancellationToken);
                return (current, ChangeRules.SetRole(current, role, now, owners));
            },
            (updated, rev) => updated with { Rev = rev },
            WriteLinkStateAsync(cancellationToken),
            cancellationToken);

    private static Func<SqliteConnection, SqliteTransaction, ConvoLink, Task> WriteLinkStateAsync(CancellationToken cancellationToken) =>
        (connection, transaction, link) => ExecuteAsync(connection, transaction,
            "UPDATE convo_links SET role = @role, removed_at = @removed, updated_at = @u, rev = @rev WHERE id = @id", cancellationToken,
            ("@role", RoleNames.ToText(link.Role)), ("@removed", link.RemovedAt is { } r ? Timestamps.ToText(r) : null),
            ("@u", Timestamps.ToText(link.UpdatedAt)), ("@rev", link.Rev), ("@id", link.Id));

    /// <summary>The conversation's other current owners and members, for the last-owner rule.</summary>
    private static async Task<(int Owners, int Members)> CountOthersAsync(SqliteConnection connection, SqliteTransaction transaction, string conversationId,
        string userId, CancellationToken cancellationToken) =>
        await QuerySingleAsync(connection, transaction,
            "SELECT coalesce(sum(role = 'OWNER'), 0), count(*) FROM convo_links WHERE conversation_id = @conv AND user_id <> @user AND removed_at IS NULL",
            r => (r.GetInt32(0), r.GetInt32(1)), cancellationToken, ("@conv", conversationId), ("@user", userId));

    public async Task<ConvoLink?> GetLinkAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        await GetLinkIncludingRemovedAsync(conversationId, userId, cancellationToken) is { RemovedAt: null } link ? link : null;

    public async Task<ConvoLink?> GetLinkIncludingRemovedAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadLinkAsync(connection, null, conversationId, userId, cancellationToken);
    }

    private static Task<ConvoLink?> ReadLinkAsync(SqliteConnection connection, SqliteTransaction? transaction, string conversationId, string userId,
        CancellationToken cancellationToken) =>
        QuerySingleAsync(connection, transaction,
            $"SELECT {LinkColumns} FROM convo_links WHERE conversation_id = @conv AND user_id = @user", ReadLink, cancellationToken,
            ("@conv", conversationId), ("@user", userId));

    public Task<Page<ConvoLink>> ListLinksByUserAsync(string userId, PageRequest page, CancellationToken cancellationToken) =>
        ListLinksAsync("user_id", userId, page, cancellationToken);

    public Task<Page<ConvoLink>> ListLinksByConversationAsync(string conversationId, PageRequest page, CancellationToken cancellationToken) =>
        ListLinksAsync("conversation_id", conversationId, page, cancellationToken);

    private async Task<Page<ConvoLink>> ListLinksAsync(string ownerColumn, string ownerId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@owner", ownerId);
        var sql = new StringBuilder($"SELECT {LinkColumns} FROM convo_links WHERE {ownerColumn} = @owner AND removed_at IS NULL");
        return await PageByTimeAndIdAsync(command, sql, page, "created_at", "id", LinkFilterColumn, ReadLink,
            l => PageKeys.TimeAndId(l.CreatedAt, l.Id), cancellationToken);
    }

    public Task<Page<ConvoLink>> ListLinksChangedAfterAsync(string conversationId, long afterRev, PageRequest page, CancellationToken cancellationToken) =>
        ListChangedAfterAsync($"SELECT {LinkColumns} FROM convo_links", conversationId, afterRev, page, tieById: true, LinkFilterColumn, ReadLink,
            l => (l.Rev, l.Id), cancellationToken);

    public async Task<IReadOnlyList<ConvoLink>> ListMembersAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await QueryListAsync(connection, null,
            $"SELECT {LinkColumns} FROM convo_links WHERE conversation_id = @conv AND removed_at IS NULL ORDER BY created_at, id", ReadLink,
            cancellationToken, ("@conv", conversationId));
    }

    private static string? LinkFilterColumn(FilterField field) => field switch
    {
        FilterField.Id => "id",
        FilterField.CreatedAt => "created_at",
        FilterField.UpdatedAt => "updated_at",
        FilterField.ConvoLinkUserId => "user_id",
        FilterField.ConvoLinkConversationId => "conversation_id",
        _ => null,
    };

    public async Task<IReadOnlyList<string>> GetConversationIdsOfUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await QueryListAsync(connection, null,
            "SELECT conversation_id FROM convo_links WHERE user_id = @user AND removed_at IS NULL ORDER BY created_at, id", r => r.GetString(0),
            cancellationToken, ("@user", userId));
    }

    public async Task<Page<Conversation>> ListConversationsByActivityAsync(string userId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@user", userId);
        var sql = new StringBuilder(
            $"SELECT {ConversationColumnsOfC} FROM convo_links l JOIN conversations c ON c.id = l.conversation_id " +
            "WHERE l.user_id = @user AND l.removed_at IS NULL");
        // Most recent first whatever the requested direction: that is what this list is for.
        return await PageByTimeAndIdAsync(command, sql, page with { Direction = SortDirection.Desc }, "c.last_activity_at", "c.id",
            ConversationFilterColumn, ReadConversation, c => PageKeys.TimeAndId(c.LastActivityAt, c.Id), cancellationToken);
    }

    private static string? ConversationFilterColumn(FilterField field) => field switch
    {
        FilterField.Id => "c.id",
        FilterField.CreatedAt => "c.created_at",
        FilterField.UpdatedAt => "c.updated_at",
        _ => null,
    };

    private static async Task<Conversation> ReadConversationAsync(SqliteConnection connection, SqliteTransaction? transaction, string conversationId,
        CancellationToken cancellationToken) =>
        await QuerySingleAsync(connection, transaction, $"SELECT {ConversationColumns} FROM conversations WHERE id = @id", ReadConversation, cancellationToken,
            ("@id", conversationId)) ?? throw ChatException.NotFound("Conversation");

    private static Conversation ReadConversation(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Name = r.GetString(1),
        CreatedBy = r.GetString(2),
        CreatedAt = Timestamps.Parse(r.GetString(3)),
        UpdatedAt = Timestamps.Parse(r.GetString(4)),
        LastSeq = r.GetInt64(5),
        LastActivityAt = Timestamps.Parse(r.GetString(6)),
        LastRev = r.GetInt64(7),
        Rev = r.GetInt64(8),
        Direct = !r.IsDBNull(9),
    };

    private static ConvoLink ReadLink(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        UserId = r.GetString(1),
        ConversationId = r.GetString(2),
        CreatedAt = Timestamps.Parse(r.GetString(3)),
        UpdatedAt = Timestamps.Parse(r.GetString(4)),
        Role = RoleNames.Parse(r.GetString(5)),
        RemovedAt = r.IsDBNull(6) ? null : Timestamps.Parse(r.GetString(6)),
        Rev = r.GetInt64(7),
    };
}
