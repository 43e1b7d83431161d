using Chatt.ChatApi.GraphQL.Execution;

namespace Chatt.ChatApi.Live;

/// <summary>The running render groups by share key: a subscriber joins its selection's group, or gets one of its own.</summary>
public sealed class RenderGroups(LiveRenderer renderer)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RenderGroup> _shared = new(StringComparer.Ordinal);

    /// <summary>Shared groups running now (diagnostics and tests).</summary>
    public int SharedCount
    {
        get
        {
            lock (_gate)
            {
                return _shared.Count;
            }
        }
    }

    /// <summary>Members of shared groups now.</summary>
    public int SharedMemberCount
    {
        get
        {
            lock (_gate)
            {
                return _shared.Values.Sum(g => g.MemberCount);
            }
        }
    }

    public RenderGroup Join(string? shareKey, PreparedOperation operation, ILiveSource source)
    {
        lock (_gate)
        {
            if (shareKey is null)
            {
                var own = new RenderGroup(this, null, operation, source, renderer);
                own.TryAddMember();
                return own;
            }

            if (!_shared.TryGetValue(shareKey, out var group) || !group.TryAddMember())
            {
                group = new RenderGroup(this, shareKey, operation, source, renderer);
                group.TryAddMember();
                _shared[shareKey] = group;
            }

            return group;
        }
    }

    internal void Leave(RenderGroup group)
    {
        lock (_gate)
        {
            if (group.RemoveMember() && group.Key is { } key && _shared.TryGetValue(key, out var current) && current == group)
            {
                _shared.Remove(key);
            }
        }
    }
}
