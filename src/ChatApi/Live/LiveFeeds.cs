using Chatt.ChatApi.Common;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Storage;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.Live;

/// <summary>This instance's conversation feeds: one per conversation with local subscribers, gone with the last.</summary>
public sealed class LiveFeeds(IEventBus bus, IChatStore store, TimeProvider time, IOptions<LiveOptions> options, ChatTelemetry telemetry, ILogger<ConversationFeed> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ConversationFeed> _feeds = new(StringComparer.Ordinal);

    /// <summary>Attaches <paramref name="member"/> to the conversation's feed (started if needed); dispose to detach.</summary>
    public async Task<IDisposable> AttachAsync(string conversationId, FeedMember member, CancellationToken cancellationToken)
    {
        ConversationFeed feed;
        lock (_gate)
        {
            if (!_feeds.TryGetValue(conversationId, out feed!))
            {
                feed = new ConversationFeed(this, conversationId, bus, store, time, options.Value, telemetry, logger);
                _feeds.Add(conversationId, feed);
            }

            feed.References++;
        }

        try
        {
            return await feed.AttachAsync(member, cancellationToken);
        }
        catch
        {
            Release(feed);
            throw;
        }
    }

    /// <summary>The conversation's running feed, if it has local subscribers.</summary>
    public ConversationFeed? Find(string conversationId)
    {
        lock (_gate)
        {
            return _feeds.GetValueOrDefault(conversationId);
        }
    }

    /// <summary>How many subscribers the conversation's feed serves here (tests wait on this instead of sleeping).</summary>
    public int SubscriberCount(string conversationId) => Find(conversationId)?.AttachedCount ?? 0;

    internal void Release(ConversationFeed feed)
    {
        lock (_gate)
        {
            if (--feed.References > 0)
            {
                return;
            }

            if (_feeds.TryGetValue(feed.Id, out var current) && current == feed)
            {
                _feeds.Remove(feed.Id);
            }
        }

        feed.Dispose();
    }
}
