using Chatt.ChatApi.Users;

namespace Chatt.ChatApi.Messages;

/// <summary>
/// Finds <c>@name</c> tokens in message content. A token starts at an <c>@</c> that does not follow a letter, digit
/// or username character (so <c>bob@example.com</c> is not a mention) and runs over username characters; trailing
/// sentence punctuation (<c>@bob.</c>, <c>@bob-</c>) is tried both with and without, because usernames may contain
/// <c>.</c> and <c>-</c>. <c>@all</c> and <c>@here</c> are the broadcast mentions, whatever users are named.
/// </summary>
public static class MentionParser
{
    private static readonly string[] BroadcastNames = ["all", "here"];

    public static MentionTokens Parse(string content)
    {
        var tokens = new List<string[]>();
        var broadcast = false;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] != '@' || (i > 0 && IsNameChar(content[i - 1])))
            {
                continue;
            }

            var end = i + 1;
            while (end < content.Length && end - i - 1 < Usernames.MaxLength && IsNameChar(content[end]))
            {
                end++;
            }

            var token = content[(i + 1)..end];
            var trimmed = token.TrimEnd('.', '-', '_', '+', '@');
            if (BroadcastNames.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
            {
                broadcast = true;
            }
            else if (trimmed.Length > 0)
            {
                tokens.Add(trimmed.Length == token.Length ? [token] : [token, trimmed]);
            }

            i = end - 1;
        }

        return new MentionTokens(tokens, broadcast);
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+';
}

/// <summary>
/// The <c>@</c> tokens of a message, each as its candidate usernames in order of preference (as written, then
/// without trailing punctuation), and whether it says <c>@all</c>/<c>@here</c>.
/// </summary>
public sealed record MentionTokens(IReadOnlyList<string[]> Tokens, bool Broadcast);
