using Chatt.ChatApi.Common;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Storage;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.Conversations;

/// <summary>
/// The rules about conversations and membership. Only current members read a conversation, list its links or add
/// people (a removed member is an outsider: FORBIDDEN). Roles: the creator is OWNER; OWNERs and ADMINs moderate
/// (rename, remove, delete others' messages); only OWNERs change roles; the last OWNER hands over before leaving.
/// A direct conversation has exactly two MEMBERs and fixed membership. Every change goes through the store, which
/// stamps it with the conversation's next rev, and is then published once by <see cref="ChangePublisher"/>.
/// </summary>
public sealed class ConversationService(IChatStore store, ChangePublisher changes, IdGenerator ids, TimeProvider time, IOptions<ChatOptions> options)
{
    /// <summary>The conversation if the caller is a member; NOT_FOUND if it does not exist, FORBIDDEN if the caller is not in it.</summary>
    public async Task<Conversation> GetForMemberAsync(string callerId, string conversationId, CancellationToken cancellationToken) =>
        (await GetWithCallerLinkAsync(callerId, conversationId, cancellationToken)).Conversation;

    /// <summary>The conversation and the caller's current link; NOT_FOUND / FORBIDDEN as <see cref="GetForMemberAsync"/>.</summary>
    public async Task<(Conversation Conversation, ConvoLink Caller)> GetWithCallerLinkAsync(string callerId, string conversationId, CancellationToken cancellationToken)
    {
        Ids.Require(conversationId, "conversationId");
        var conversation = await store.GetConversationAsync(conversationId, cancellationToken) ?? throw ChatException.NotFound("Conversation");
        return (conversation, await RequireMemberAsync(callerId, conversationId, cancellationToken));
    }

    /// <summary>The caller's current link (with their role); FORBIDDEN when they are not, or no longer, a member.</summary>
    public async Task<ConvoLink> RequireMemberAsync(string callerId, string conversationId, CancellationToken cancellationToken)
    {
        Ids.Require(conversationId, "conversationId");
        return await store.GetLinkAsync(conversationId, callerId, cancellationToken)
            ?? throw ChatException.Forbidden("You are not a member of this conversation.");
    }

    public async Task<Conversation> CreateAsync(string callerId, string? id, string? name, IReadOnlyList<string>? memberUsernames, bool direct, CancellationToken cancellationToken)
    {
        memberUsernames ??= [];
        if (memberUsernames.Count > options.Value.MaxMembersPerConversation)
        {
            throw ChatException.BadInput($"'members' may name at most {options.Value.MaxMembersPerConversation} users.");
        }

        if (direct)
        {
            return await CreateDirectAsync(callerId, name, memberUsernames, cancellationToken);
        }

        name = RequireName(name);
        if (id is not null)
        {
            Ids.Require(id, "id");
            if (await store.GetConversationAsync(id, cancellationToken) is { } existing)
            {
                // A retried create with the same id returns what the first attempt made; anyone else's id is taken.
                return existing.CreatedBy == callerId ? existing : throw new ChatException(ErrorCodes.Conflict, "A conversation with this id already exists.");
            }
        }

        var found = await FindUsersAsync(memberUsernames, cancellationToken);
        var now = Timestamps.Truncate(time.GetUtcNow());
        var conversation = NewConversation(id ?? ids.NewId(), name, callerId, now, direct: false);
        var links = found.Select(u => u.Id).Append(callerId).Distinct(StringComparer.Ordinal)
            .Select(userId => NewLink(conversation.Id, userId, userId == callerId ? ConvoRole.Owner : ConvoRole.Member, now))
            .ToArray();
        var creation = await store.CreateConversationAsync(conversation, links, cancellationToken);
        await changes.PublishCreatedAsync(creation, cancellationToken);
        return creation.Conversation;
    }

    /// <summary>
    /// The caller's one-to-one conversation with the single user named: the existing one when there is one (a
    /// retry, or the other person started it), else a new one. Both are MEMBERs: neither owns a direct conversation.
    /// </summary>
    private async Task<Conversation> CreateDirectAsync(string callerId, string? name, IReadOnlyList<string> memberUsernames, CancellationToken cancellationToken)
    {
        var found = await FindUsersAsync(memberUsernames, cancellationToken);
        var others = found.Where(u => u.Id != callerId).ToArray();
        if (others.Length != 1 || found.Count != 1)
        {
            throw ChatException.BadInput("A direct conversation names exactly one other user in 'members'.");
        }

        var caller = await store.GetUserAsync(callerId, cancellationToken) ?? throw ChatException.NotFound("User");
        var max = options.Value.MaxConversationNameLength;
        var pairName = $"{caller.Username}, {others[0].Username}";
        name = string.IsNullOrWhiteSpace(name) ? RequireName(pairName[..Math.Min(pairName.Length, max)]) : RequireName(name);
        var now = Timestamps.Truncate(time.GetUtcNow());
        var conversation = NewConversation(ids.NewId(), name, callerId, now, direct: true);
        var links = new[] { NewLink(conversation.Id, callerId, ConvoRole.Member, now), NewLink(conversation.Id, others[0].Id, ConvoRole.Member, now) };
        var creation = await store.FindOrCreateDirectConversationAsync(conversation, links, cancellationToken);
        await changes.PublishCreatedAsync(creation, cancellationToken);
        return creation.Conversation;
    }

    /// <summary>Adds a user to a conversation the caller belongs to; adding a current member returns their link, a removed one comes back as a new change.</summary>
    public async Task<ConvoLink> AddMemberAsync(string callerId, string conversationId, string userId, CancellationToken cancellationToken)
    {
        Ids.Require(userId, "convoLinkUserId");
        var conversation = await GetForMemberAsync(callerId, conversationId, cancellationToken);
        if (await store.GetLinkAsync(conversationId, userId, cancellationToken) is { } current)
        {
            return current;
        }

        RequireNotDirect(conversation);
        if (await store.GetUserAsync(userId, cancellationToken) is null)
        {
            throw ChatException.NotFound("User");
        }

        if ((await store.ListMembersAsync(conversationId, cancellationToken)).Count >= options.Value.MaxMembersPerConversation)
        {
            throw ChatException.BadInput($"A conversation has at most {options.Value.MaxMembersPerConversation} members.");
        }

        var change = await store.AddLinkAsync(NewLink(conversationId, userId, ConvoRole.Member, Timestamps.Truncate(time.GetUtcNow())), cancellationToken);
        await changes.PublishAsync(change, ChangeKind.MemberAdded, callerId, cancellationToken);
        return change.Value;
    }

    /// <summary>
    /// Leaves (the caller's own link) or removes someone: OWNERs remove anyone, ADMINs remove MEMBERs. Removing a
    /// removed member returns their tombstone; the last OWNER cannot go while others remain (CONFLICT).
    /// </summary>
    public async Task<ConvoLink> RemoveMemberAsync(string callerId, string conversationId, string userId, CancellationToken cancellationToken)
    {
        Ids.Require(userId, "convoLinkUserId");
        var (conversation, caller) = await GetWithCallerLinkAsync(callerId, conversationId, cancellationToken);
        RequireNotDirect(conversation);
        if (userId != callerId)
        {
            var target = await store.GetLinkIncludingRemovedAsync(conversationId, userId, cancellationToken) ?? throw ChatException.NotFound("Member");
            if (caller.Role < ConvoRole.Admin || (caller.Role == ConvoRole.Admin && target.Role >= ConvoRole.Admin))
            {
                throw ChatException.Forbidden("Owners remove anyone and admins remove members; you cannot remove this member.");
            }
        }

        var change = await store.RemoveLinkAsync(conversationId, userId, Timestamps.Truncate(time.GetUtcNow()), cancellationToken);
        await changes.PublishAsync(change, ChangeKind.MemberRemoved, callerId, cancellationToken);
        return change.Value;
    }

    /// <summary>Sets a member's role; only an OWNER may, and the last OWNER cannot step down (CONFLICT).</summary>
    public async Task<ConvoLink> UpdateRoleAsync(string callerId, string conversationId, string userId, ConvoRole role, CancellationToken cancellationToken)
    {
        Ids.Require(userId, "convoLinkUserId");
        var (conversation, caller) = await GetWithCallerLinkAsync(callerId, conversationId, cancellationToken);
        RequireNotDirect(conversation);
        if (caller.Role != ConvoRole.Owner)
        {
            throw ChatException.Forbidden("Only an owner changes roles.");
        }

        var change = await store.UpdateLinkRoleAsync(conversationId, userId, role, Timestamps.Truncate(time.GetUtcNow()), cancellationToken);
        await changes.PublishAsync(change, ChangeKind.MemberUpdated, callerId, cancellationToken);
        return change.Value;
    }

    /// <summary>Renames; OWNERs and ADMINs only; the name follows createConvo's rule; the same name is a no-op.</summary>
    public async Task<Conversation> RenameAsync(string callerId, string conversationId, string? name, CancellationToken cancellationToken)
    {
        name = RequireName(name);
        var (_, caller) = await GetWithCallerLinkAsync(callerId, conversationId, cancellationToken);
        if (caller.Role < ConvoRole.Admin)
        {
            throw ChatException.Forbidden("Only owners and admins rename a conversation.");
        }

        var change = await store.RenameConversationAsync(conversationId, name, Timestamps.Truncate(time.GetUtcNow()), cancellationToken);
        await changes.PublishAsync(change, ChangeKind.ConversationUpdated, callerId, cancellationToken);
        return change.Value;
    }

    public async Task<Page<ConvoLink>> ListLinksAsync(string callerId, string conversationId, long? changedAfterRev, PageRequest page, CancellationToken cancellationToken)
    {
        await RequireMemberAsync(callerId, conversationId, cancellationToken);
        return changedAfterRev is { } rev
            ? await store.ListLinksChangedAfterAsync(conversationId, await RequireReplayableAsync(conversationId, rev, cancellationToken), page, cancellationToken)
            : await store.ListLinksByConversationAsync(conversationId, page, cancellationToken);
    }

    /// <summary>
    /// <paramref name="changedAfterRev"/> if the store still replays exactly from there: BAD_USER_INPUT when negative,
    /// RESYNC_REQUIRED when older than what the store holds (after a retention purge).
    /// </summary>
    public async Task<long> RequireReplayableAsync(string conversationId, long changedAfterRev, CancellationToken cancellationToken)
    {
        if (changedAfterRev < 0)
        {
            throw ChatException.BadInput("'changedAfterRev' must not be negative.");
        }

        var floor = await store.GetReplayFloorAsync(conversationId, cancellationToken);
        return changedAfterRev >= floor
            ? changedAfterRev
            : throw new ChatException(ErrorCodes.ResyncRequired, $"Changes before rev {floor} are no longer kept: reload the conversation.");
    }

    public Task<Page<ConvoLink>> ListLinksOfUserAsync(string userId, PageRequest page, CancellationToken cancellationToken) =>
        store.ListLinksByUserAsync(userId, page, cancellationToken);

    public Task<Page<Conversation>> ListByActivityAsync(string userId, PageRequest page, CancellationToken cancellationToken) =>
        store.ListConversationsByActivityAsync(userId, page, cancellationToken);

    private string RequireName(string? name)
    {
        var max = options.Value.MaxConversationNameLength;
        name = name?.Trim();
        return string.IsNullOrEmpty(name) || name.Length > max
            ? throw ChatException.BadInput($"'name' must be 1–{max} characters.")
            : name;
    }

    private static void RequireNotDirect(Conversation conversation)
    {
        if (conversation.Direct)
        {
            throw ChatException.BadInput("A direct conversation's members and roles are fixed.");
        }
    }

    private async Task<IReadOnlyList<Users.User>> FindUsersAsync(IReadOnlyList<string> usernames, CancellationToken cancellationToken)
    {
        var wanted = usernames.Select(u => u.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var found = await store.FindUsersByUsernameAsync(wanted, cancellationToken);
        var missing = wanted.Where(u => !found.Any(f => string.Equals(f.Username, u, StringComparison.OrdinalIgnoreCase))).ToArray();
        return missing.Length > 0
            ? throw ChatException.BadInput($"No user is named {string.Join(", ", missing.Select(m => $"'{m}'"))}.")
            : found;
    }

    private static Conversation NewConversation(string id, string name, string callerId, DateTimeOffset now, bool direct) => new()
    {
        Id = id,
        Name = name,
        CreatedBy = callerId,
        CreatedAt = now,
        UpdatedAt = now,
        LastActivityAt = now,
        Direct = direct,
    };

    private ConvoLink NewLink(string conversationId, string userId, ConvoRole role, DateTimeOffset now) => new()
    {
        Id = ids.NewId(),
        ConversationId = conversationId,
        UserId = userId,
        Role = role,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
