using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;

namespace Chatt.ChatApi.Storage;

/// <summary>
/// What each change does to a record, decided in memory so both stores apply exactly the same rules: each store reads
/// the record inside its transaction, asks here, and writes the answer with the next rev. A null answer is a no-op
/// (nothing written, no rev). The returned record still carries its old Rev: the store stamps the new one.
/// </summary>
internal static class ChangeRules
{
    public static Message? Edit(Message current, MessageEdit edit)
    {
        if (current.DeletedAt is not null)
        {
            throw new ChatException(ErrorCodes.Conflict, "The message was deleted.");
        }

        if (edit.ExpectedRev is { } expected && expected != current.Rev)
        {
            throw new ChatException(ErrorCodes.Conflict, $"The message changed meanwhile (its rev is {current.Rev}, not {expected}).");
        }

        var mentionIds = edit.MentionIds.Distinct(StringComparer.Ordinal).ToArray();
        if (current.Content == edit.Content && current.MentionsAll == edit.MentionsAll && current.MentionIds.SequenceEqual(mentionIds))
        {
            return null;
        }

        return current with
        {
            Content = edit.Content,
            MentionIds = mentionIds,
            MentionsAll = edit.MentionsAll,
            EditedAt = edit.At,
            UpdatedAt = edit.At,
        };
    }

    /// <summary>The tombstone: what identifies the message stays, everything a user wrote or added goes.</summary>
    public static Message? Delete(Message current, string deletedBy, DateTimeOffset now) =>
        current.DeletedAt is not null
            ? null
            : current with
            {
                Content = "",
                MentionIds = [],
                MentionsAll = false,
                Reactions = [],
                DeletedAt = now,
                DeletedBy = deletedBy,
                UpdatedAt = now,
            };

    public static Message? AddReaction(Message current, string userId, string emoji, int maxKinds, DateTimeOffset now)
    {
        if (current.DeletedAt is not null)
        {
            throw new ChatException(ErrorCodes.Conflict, "The message was deleted.");
        }

        var groups = current.Reactions.ToList();
        var index = groups.FindIndex(g => g.Emoji == emoji);
        if (index < 0)
        {
            if (groups.Count >= maxKinds)
            {
                throw ChatException.BadInput($"A message holds at most {maxKinds} different reactions.");
            }

            groups.Add(new ReactionGroup(emoji, 1, [userId]));
        }
        else
        {
            var group = groups[index];
            if (group.UserIds.Contains(userId, StringComparer.Ordinal))
            {
                return null;
            }

            groups[index] = new ReactionGroup(emoji, group.Count + 1, [.. group.UserIds, userId]);
        }

        return current with { Reactions = groups, UpdatedAt = now };
    }

    public static Message? RemoveReaction(Message current, string userId, string emoji, DateTimeOffset now)
    {
        var groups = current.Reactions.ToList();
        var index = groups.FindIndex(g => g.Emoji == emoji);
        if (index < 0 || !groups[index].UserIds.Contains(userId, StringComparer.Ordinal))
        {
            return null;
        }

        var remaining = groups[index].UserIds.Where(u => u != userId).ToArray();
        if (remaining.Length == 0)
        {
            groups.RemoveAt(index);
        }
        else
        {
            groups[index] = new ReactionGroup(emoji, remaining.Length, remaining);
        }

        return current with { Reactions = groups, UpdatedAt = now };
    }

    /// <summary>
    /// Adding <paramref name="wanted"/> when the user's link is <paramref name="existing"/>: a new link, a revival of
    /// a tombstone (same id and CreatedAt), or null when they are already a member.
    /// </summary>
    public static ConvoLink? Add(ConvoLink? existing, ConvoLink wanted) => existing switch
    {
        null => wanted,
        { RemovedAt: null } => null,
        _ => existing with { Role = wanted.Role, RemovedAt = null, UpdatedAt = wanted.UpdatedAt },
    };

    /// <summary>
    /// Removing a member; <paramref name="otherOwners"/> and <paramref name="otherMembers"/> count the conversation's
    /// other current links (read in the same transaction), which the last-owner rule needs.
    /// </summary>
    public static ConvoLink? Remove(ConvoLink current, DateTimeOffset now, int otherOwners, int otherMembers)
    {
        if (current.RemovedAt is not null)
        {
            return null;
        }

        if (current.Role == ConvoRole.Owner && otherOwners == 0 && otherMembers > 0)
        {
            throw LastOwner();
        }

        return current with { RemovedAt = now, UpdatedAt = now };
    }

    public static ConvoLink? SetRole(ConvoLink current, ConvoRole role, DateTimeOffset now, int otherOwners)
    {
        if (current.RemovedAt is not null)
        {
            throw ChatException.NotFound("Member");
        }

        if (current.Role == role)
        {
            return null;
        }

        if (current.Role == ConvoRole.Owner && otherOwners == 0)
        {
            throw LastOwner();
        }

        return current with { Role = role, UpdatedAt = now };
    }

    public static Conversation? Rename(Conversation current, string name, DateTimeOffset now) =>
        current.Name == name ? null : current with { Name = name, UpdatedAt = now };

    /// <summary>
    /// The unique key of a direct conversation: its one or two distinct user ids, sorted, joined by a character ids
    /// never contain, so (a, b) and (b, a) are the same pair.
    /// </summary>
    public static string DirectKey(IReadOnlyList<ConvoLink> links)
    {
        var users = links.Select(l => l.UserId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (users.Length is < 1 or > 2)
        {
            throw new ArgumentException("A direct conversation has one or two users.", nameof(links));
        }

        return string.Join('|', users);
    }

    /// <summary>Checks what every create takes for granted: the links belong to the conversation.</summary>
    public static void RequireLinksOf(Conversation conversation, IReadOnlyList<ConvoLink> links)
    {
        if (links.Any(l => l.ConversationId != conversation.Id))
        {
            throw new ArgumentException("Every link must belong to the conversation being created.", nameof(links));
        }
    }

    /// <summary>The records a create stores: the conversation and its links as rev 1, no tombstones.</summary>
    public static (Conversation Conversation, IReadOnlyList<ConvoLink> Links) AsCreated(Conversation conversation, IReadOnlyList<ConvoLink> links, bool direct) =>
        (conversation with { LastRev = 1, Rev = 1, Direct = direct }, [.. links.Select(l => l with { Rev = 1, RemovedAt = null })]);

    private static ChatException LastOwner() =>
        new(ErrorCodes.Conflict, "The last owner cannot leave or step down while others remain: make someone else owner first.");
}
