using System.Buffers.Text;
using System.Text;

namespace Chatt.ChatApi.Common;

/// <summary>
/// Opaque <c>nextToken</c>s: a store's continuation key, prefixed with the list it belongs to and base64url-encoded.
/// The prefix makes a token from one list (say, a conversation's messages) a clear error on another, instead of
/// a silently wrong page.
/// </summary>
public static class Cursor
{
    public static string? Encode(string list, string? key) =>
        key is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(list + "|" + key));

    public static string? Decode(string list, string? token)
    {
        if (token is null)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (text.Length > list.Length && text.StartsWith(list, StringComparison.Ordinal) && text[list.Length] == '|')
            {
                return text[(list.Length + 1)..];
            }
        }
        catch (FormatException)
        {
        }

        throw ChatException.BadInput("'nextToken' is not a token this list gave out.");
    }
}
