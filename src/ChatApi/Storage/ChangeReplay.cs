using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;

namespace Chatt.ChatApi.Storage;

/// <summary>
/// Turns what a store read from one snapshot into a <see cref="ChangeBatch"/>: the messages and links with rev after
/// the reader's (each list in rev order, at most limit + 1 of each), plus the conversation. Shared by both stores so
/// the page rules (order of ties, never splitting a rev) are the same.
/// </summary>
internal static class ChangeReplay
{
    /// <summary>What a store must read: this many of each list, to know whether more follow.</summary>
    public static int ReadLimit(int limit) => limit + 1;

    /// <summary>
    /// Merges the lists. <paramref name="sameRevRemainder"/> is called only when the first rev beyond the page has
    /// more records than the page may hold (creation's rev 1 with many links): it returns every record of that rev.
    /// </summary>
    public static async Task<ChangeBatch> BuildAsync(Conversation? conversation, long afterRev, int limit, IReadOnlyList<Message> messages, IReadOnlyList<ConvoLink> links,
        Func<long, Task<IReadOnlyList<ChangedRecord>>> sameRevRemainder, long replayFloor)
    {
        if (limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), "The replay limit must be positive.");
        }

        if (conversation is null)
        {
            return new ChangeBatch(null, [], afterRev, false, replayFloor);
        }

        var all = new List<ChangedRecord>(messages.Count + links.Count + 1);
        if (conversation.Rev > afterRev)
        {
            all.Add(new ChangedRecord(conversation.Rev, Conversation: conversation));
        }

        all.AddRange(links.Select(l => new ChangedRecord(l.Rev, Link: l)));
        all.AddRange(messages.Select(m => new ChangedRecord(m.Rev, Message: m)));
        // Stable sort: within one rev the conversation, then links, then messages, as added (each list is id-ordered within a rev).
        var ordered = all.OrderBy(r => r.Rev).ToList();

        // Either list may have been cut at limit + 1: beyond the smaller of their last revs, records may be missing.
        var complete = messages.Count < ReadLimit(limit) && links.Count < ReadLimit(limit);
        if (complete && ordered.Count <= limit)
        {
            return new ChangeBatch(conversation, ordered, Math.Max(afterRev, conversation.LastRev), false, replayFloor);
        }

        var page = ordered.Take(limit).ToList();
        var nextRev = ordered.Count > limit ? ordered[limit].Rev : long.MaxValue;
        if (page.Count > 0 && page[^1].Rev == nextRev)
        {
            // Never split one rev across pages: drop its records here, or, if it is the whole page, read all of it.
            page.RemoveAll(r => r.Rev == nextRev);
            if (page.Count == 0)
            {
                page = [.. await sameRevRemainder(nextRev)];
            }
        }

        return new ChangeBatch(conversation, page, page[^1].Rev, true, replayFloor);
    }

    /// <summary>Every record of one rev, in the replay's order of ties (conversation, links, messages).</summary>
    public static IReadOnlyList<ChangedRecord> OfOneRev(Conversation conversation, long rev, IReadOnlyList<ConvoLink> links, IReadOnlyList<Message> messages)
    {
        var records = new List<ChangedRecord>(links.Count + messages.Count + 1);
        if (conversation.Rev == rev)
        {
            records.Add(new ChangedRecord(rev, Conversation: conversation));
        }

        records.AddRange(links.Select(l => new ChangedRecord(rev, Link: l)));
        records.AddRange(messages.Select(m => new ChangedRecord(rev, Message: m)));
        return records;
    }
}
