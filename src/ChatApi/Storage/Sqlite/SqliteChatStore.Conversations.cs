using System.Text;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Storage.Sqlite;

public sealed partial class SqliteChatStore
{
    public async Task<ConversationCreation> CreateConversationAsync(Conversation conversation, IReadOnlyList<ConvoLink> links, CancellationToken cancellationToken)
    {
        if (links.Any(l => l.ConversationId != conversation.Id))
        {
            throw new ArgumentException("Every link must belong to the conversation being created.", nameof(links));
        }

        await using var connection = await OpenAsync(cancellationToken);
        await WriteAsync(async () =>
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            try
            {
                await ExecuteAsync(connection, transaction,
                    $"INSERT INTO conversations ({ConversationColumns}) VALUES (@id, @name, @by, @c, @u, @seq, @a)", cancellationToken,
                    ("@id", conversation.Id), ("@name", conversation.Name), ("@by", conversation.CreatedBy),
                    ("@c", Timestamps.ToText(conversation.CreatedAt)), ("@u", Timestamps.ToText(conversation.UpdatedAt)),
                    ("@seq", conversation.LastSeq), ("@a", Timestamps.ToText(conversation.LastActivityAt)));

                await using var insertLink = connection.CreateCommand();
                insertLink.Transaction = transaction;
                insertLink.CommandText = $"INSERT INTO convo_links ({LinkColumns}) VALUES (@id, @user, @conv, @c, @u)";
                var id = insertLink.Parameters.Add("@id", SqliteType.Text);
                var user = insertLink.Parameters.Add("@user", SqliteType.Text);
                var conv = insertLink.Parameters.Add("@conv", SqliteType.Text);
                var created = insertLink.Parameters.Add("@c", SqliteType.Text);
                var updated = insertLink.Parameters.Add("@u", SqliteType.Text);
                foreach (var link in links)
                {
                    (id.Value, user.Value, conv.Value) = (link.Id, link.UserId, link.ConversationId);
                    (created.Value, updated.Value) = (Timestamps.ToText(link.CreatedAt), Timestamps.ToText(link.UpdatedAt));
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
            return true;
        }, cancellationToken);
        return new ConversationCreation(conversation with { LastRev = 1, Rev = 1 }, [.. links.Select(l => l with { Rev = 1 })], true);
    }

    public async Task<Conversation?> GetConversationAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await QuerySingleAsync(connection, null, $"SELECT {ConversationColumns} FROM conversations WHERE id = @id", ReadConversation, cancellationToken, ("@id", id));
    }

    public Task<IReadOnlyList<Conversation>> GetConversationsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        QueryByValuesAsync($"SELECT {ConversationColumns} FROM conversations WHERE id IN (SELECT value FROM json_each(@values))", ids, ReadConversation, cancellationToken);

    public async Task<Change<ConvoLink>> AddLinkAsync(ConvoLink link, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        int inserted;
        try
        {
            // One statement, so no transaction is needed: the unique (conversation, user) index decides the race.
            inserted = await WriteAsync(() => ExecuteAsync(connection, null,
                $"INSERT INTO convo_links ({LinkColumns}) VALUES (@id, @user, @conv, @c, @u) ON CONFLICT (conversation_id, user_id) DO NOTHING",
                cancellationToken,
                ("@id", link.Id), ("@user", link.UserId), ("@conv", link.ConversationId),
                ("@c", Timestamps.ToText(link.CreatedAt)), ("@u", Timestamps.ToText(link.UpdatedAt))), cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
        {
            throw e.SqliteExtendedErrorCode == SqliteConstraintForeignKey
                ? ChatException.NotFound("The user or the conversation")
                : new ChatException(ErrorCodes.Conflict, "A link with this id already exists.");
        }

        var stored = await QuerySingleAsync(connection, null,
            $"SELECT {LinkColumns} FROM convo_links WHERE conversation_id = @conv AND user_id = @user", ReadLink, cancellationToken,
            ("@conv", link.ConversationId), ("@user", link.UserId));
        var conversation = await QuerySingleAsync(connection, null, $"SELECT {ConversationColumns} FROM conversations WHERE id = @id", ReadConversation,
            cancellationToken, ("@id", link.ConversationId));
        return new Change<ConvoLink>(stored!, conversation!, inserted == 1);
    }

    public async Task<ConvoLink?> GetLinkAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await QuerySingleAsync(connection, null,
            $"SELECT {LinkColumns} FROM convo_links WHERE conversation_id = @conv AND user_id = @user", ReadLink, cancellationToken,
            ("@conv", conversationId), ("@user", userId));
    }

    public Task<Page<ConvoLink>> ListLinksByUserAsync(string userId, PageRequest page, CancellationToken cancellationToken) =>
        ListLinksAsync("user_id", userId, page, cancellationToken);

    public Task<Page<ConvoLink>> ListLinksByConversationAsync(string conversationId, PageRequest page, CancellationToken cancellationToken) =>
        ListLinksAsync("conversation_id", conversationId, page, cancellationToken);

    private async Task<Page<ConvoLink>> ListLinksAsync(string ownerColumn, string ownerId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@owner", ownerId);
        var sql = new StringBuilder($"SELECT {LinkColumns} FROM convo_links WHERE {ownerColumn} = @owner");
        return await PageByTimeAndIdAsync(command, sql, page, "created_at", "id", LinkFilterColumn, ReadLink,
            l => PageKeys.TimeAndId(l.CreatedAt, l.Id), cancellationToken);
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
        return await QueryListAsync(connection,
            "SELECT conversation_id FROM convo_links WHERE user_id = @user ORDER BY created_at, id", r => r.GetString(0), cancellationToken,
            ("@user", userId));
    }

    public async Task<Page<Conversation>> ListConversationsByActivityAsync(string userId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@user", userId);
        var sql = new StringBuilder(
            "SELECT c.id, c.name, c.created_by, c.created_at, c.updated_at, c.last_seq, c.last_activity_at " +
            "FROM convo_links l JOIN conversations c ON c.id = l.conversation_id WHERE l.user_id = @user");
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

    private static Conversation ReadConversation(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Name = r.GetString(1),
        CreatedBy = r.GetString(2),
        CreatedAt = Timestamps.Parse(r.GetString(3)),
        UpdatedAt = Timestamps.Parse(r.GetString(4)),
        LastSeq = r.GetInt64(5),
        LastActivityAt = Timestamps.Parse(r.GetString(6)),
    };

    private static ConvoLink ReadLink(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        UserId = r.GetString(1),
        ConversationId = r.GetString(2),
        CreatedAt = Timestamps.Parse(r.GetString(3)),
        UpdatedAt = Timestamps.Parse(r.GetString(4)),
    };
}
