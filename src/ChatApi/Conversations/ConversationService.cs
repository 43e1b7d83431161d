using Chatt.ChatApi.Common;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Storage;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.Conversations;

/// <summary>
/// The rules about conversations: only members read one, list its links or add people; the creator is always a
/// member; a conversation and all of its links are written together.
/// </summary>
public sealed class ConversationService(IChatStore store, IEventBus bus, IdGenerator ids, TimeProvider time, IOptions<ChatOptions> options)
{
    /// <summary>The conversation if the caller is a member; NOT_FOUND if it does not exist, FORBIDDEN if the caller is not in it.</summary>
    public async Task<Conversation> GetForMemberAsync(string callerId, string conversationId, CancellationToken cancellationToken)
    {
        Ids.Require(conversationId, "conversationId");
        var conversation = await store.GetConversationAsync(conversationId, cancellationToken) ?? throw ChatException.NotFound("Conversation");
        await RequireMemberAsync(callerId, conversationId, cancellationToken);
        return conversation;
    }

    public async Task RequireMemberAsync(string callerId, string conversationId, CancellationToken cancellationToken)
    {
        Ids.Require(conversationId, "conversationId");
        if (await store.GetLinkAsync(conversationId, callerId, cancellationToken) is null)
        {
            throw ChatException.Forbidden("You are not a member of this conversation.");
        }
    }

    public async Task<Conversation> CreateAsync(string callerId, string? id, string? name, IReadOnlyList<string>? memberUsernames, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > limits.MaxConversationNameLength)
        {
            throw ChatException.BadInput($"'name' must be 1–{limits.MaxConversationNameLength} characters.");
        }

        memberUsernames ??= [];
        if (memberUsernames.Count > limits.MaxMembersPerConversation)
        {
            throw ChatException.BadInput($"'members' may name at most {limits.MaxMembersPerConversation} users.");
        }

        if (id is not null)
        {
            Ids.Require(id, "id");
            if (await store.GetConversationAsync(id, cancellationToken) is { } existing)
            {
                // A retried create with the same id returns what the first attempt made; anyone else's id is taken.
                return existing.CreatedBy == callerId ? existing : throw new ChatException(ErrorCodes.Conflict, "A conversation with this id already exists.");
            }
        }

        var wanted = memberUsernames.Select(u => u.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var found = await store.FindUsersByUsernameAsync(wanted, cancellationToken);
        var missing = wanted.Where(u => !found.Any(f => string.Equals(f.Username, u, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (missing.Length > 0)
        {
            throw ChatException.BadInput($"No user is named {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
        }

        var now = Timestamps.Truncate(time.GetUtcNow());
        var conversation = new Conversation
        {
            Id = id ?? ids.NewId(),
            Name = name,
            CreatedBy = callerId,
            CreatedAt = now,
            UpdatedAt = now,
            LastActivityAt = now,
        };
        var memberIds = found.Select(u => u.Id).Append(callerId).Distinct(StringComparer.Ordinal);
        var links = memberIds
            .Select(userId => NewLink(conversation.Id, userId, now) with { Role = userId == callerId ? ConvoRole.Owner : ConvoRole.Member })
            .ToArray();
        var created = await store.CreateConversationAsync(conversation, links, cancellationToken);

        foreach (var link in created.Links)
        {
            await bus.PublishAsync(Topic.User(link.UserId), new UserLinked(link, created.Conversation), cancellationToken);
        }

        return created.Conversation;
    }

    /// <summary>Adds a user to a conversation the caller belongs to; adding someone already in it returns their link.</summary>
    public async Task<ConvoLink> AddMemberAsync(string callerId, string conversationId, string userId, CancellationToken cancellationToken)
    {
        Ids.Require(userId, "convoLinkUserId");
        var conversation = await GetForMemberAsync(callerId, conversationId, cancellationToken);
        if (await store.GetUserAsync(userId, cancellationToken) is null)
        {
            throw ChatException.NotFound("User");
        }

        var added = await store.AddLinkAsync(NewLink(conversationId, userId, Timestamps.Truncate(time.GetUtcNow())), cancellationToken);
        if (added.Changed)
        {
            await bus.PublishAsync(Topic.User(userId), new UserLinked(added.Value, added.Conversation), cancellationToken);
        }

        return added.Value;
    }

    public async Task<Page<ConvoLink>> ListLinksAsync(string callerId, string conversationId, PageRequest page, CancellationToken cancellationToken)
    {
        await RequireMemberAsync(callerId, conversationId, cancellationToken);
        return await store.ListLinksByConversationAsync(conversationId, page, cancellationToken);
    }

    public Task<Page<ConvoLink>> ListLinksOfUserAsync(string userId, PageRequest page, CancellationToken cancellationToken) =>
        store.ListLinksByUserAsync(userId, page, cancellationToken);

    public Task<Page<Conversation>> ListByActivityAsync(string userId, PageRequest page, CancellationToken cancellationToken) =>
        store.ListConversationsByActivityAsync(userId, page, cancellationToken);

    private ConvoLink NewLink(string conversationId, string userId, DateTimeOffset now) => new()
    {
        Id = ids.NewId(),
        ConversationId = conversationId,
        UserId = userId,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
