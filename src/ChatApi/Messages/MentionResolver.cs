using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Storage;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.Messages;

/// <summary>
/// Turns the <c>@</c> tokens of new content into the users it mentions, as of now:
/// <list type="bullet">
/// <item><c>@username</c> of a current member is a mention (resolved to their id; the content keeps the text).</item>
/// <item><c>@username</c> of an existing user who is not a current member is BAD_USER_INPUT: naming someone who
/// would never see it is almost always a mistake, and the client can say so.</item>
/// <item><c>@word</c> that names no user at all is plain text (<c>@home</c>, a handle elsewhere).</item>
/// <item><c>@all</c>/<c>@here</c> mention every member, and only OWNERs and ADMINs may use them; from anyone else
/// they are BAD_USER_INPUT rather than silently plain text, so nobody believes they notified the room.</item>
/// </list>
/// </summary>
public sealed class MentionResolver(IChatStore store, IOptions<ChatOptions> options)
{
    public async Task<ResolvedMentions> ResolveAsync(string content, string conversationId, ConvoRole authorRole, CancellationToken cancellationToken)
    {
        var tokens = MentionParser.Parse(content);
        if (tokens.Broadcast && authorRole < ConvoRole.Admin)
        {
            throw ChatException.BadInput("Only owners and admins may mention @all or @here.");
        }

        if (tokens.Tokens.Count == 0)
        {
            return new ResolvedMentions([], tokens.Broadcast);
        }

        var candidates = tokens.Tokens.SelectMany(t => t).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var users = (await store.FindUsersByUsernameAsync(candidates, cancellationToken))
            .ToDictionary(u => u.Username, StringComparer.OrdinalIgnoreCase);
        var mentioned = new List<string>();
        foreach (var token in tokens.Tokens)
        {
            var named = token.Select(users.GetValueOrDefault).OfType<Users.User>().ToArray();
            string? memberId = null;
            foreach (var user in named)
            {
                if (await store.GetLinkAsync(conversationId, user.Id, cancellationToken) is not null)
                {
                    memberId = user.Id;
                    break;
                }
            }

            if (named.Length > 0 && memberId is null)
            {
                throw ChatException.BadInput($"'@{named[0].Username}' is not a member of this conversation.");
            }

            if (memberId is not null && !mentioned.Contains(memberId))
            {
                mentioned.Add(memberId);
            }
        }

        return mentioned.Count <= options.Value.MaxMentionsPerMessage
            ? new ResolvedMentions(mentioned, tokens.Broadcast)
            : throw ChatException.BadInput($"A message may mention at most {options.Value.MaxMentionsPerMessage} people.");
    }
}

/// <summary>The users a message mentions (in order of first mention) and whether it mentions everyone.</summary>
public sealed record ResolvedMentions(IReadOnlyList<string> UserIds, bool All);
