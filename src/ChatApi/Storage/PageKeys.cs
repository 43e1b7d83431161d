using System.Globalization;
using Chatt.ChatApi.Common;

namespace Chatt.ChatApi.Storage;

/// <summary>
/// The continuation keys every store gives out (one format, so a store can be swapped without breaking clients'
/// tokens): a message seq (<c>"42"</c>) for a conversation's messages,
/// a rev (<c>"42"</c>) for messages in rev order, <c>"&lt;rev&gt;|&lt;id&gt;"</c> for links in rev order,
/// and <c>"&lt;timestamp&gt;|&lt;id&gt;"</c> for lists ordered by a time with the id as tie-breaker. A key is the
/// last row of the previous page, so a page continues strictly after it whatever was written since.
/// </summary>
internal static class PageKeys
{
    public static string Seq(long seq) => seq.ToString(CultureInfo.InvariantCulture);

    public static long ParseSeq(string key) =>
        long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            ? seq
            : throw Malformed();

    /// <summary>A rev with the id as tie-breaker (<c>"7|id"</c>), for lists in rev order where records may share a rev (links).</summary>
    public static string RevAndId(long rev, string id) => Seq(rev) + "|" + id;

    public static (long Rev, string Id) ParseRevAndId(string key)
    {
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0 || !Ids.IsWellFormed(key[(bar + 1)..]))
        {
            throw Malformed();
        }

        return (ParseSeq(key[..bar]), key[(bar + 1)..]);
    }

    public static string TimeAndId(DateTimeOffset time, string id) => Timestamps.ToText(time) + "|" + id;

    public static (string Time, string Id) ParseTimeAndId(string key)
    {
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            throw Malformed();
        }

        var time = key[..bar];
        var id = key[(bar + 1)..];
        if (!DateTimeOffset.TryParseExact(time, Timestamps.Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
            || !Ids.IsWellFormed(id))
        {
            throw Malformed();
        }

        return (time, id);
    }

    private static ChatException Malformed() => ChatException.BadInput("The page token is malformed.");
}
