using System.Collections.Concurrent;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>
/// Parsed documents that have passed validation once, keyed by their exact query text. GraphQL.NET parses and
/// validates every request afresh; clients send the same handful of documents over and over (variables carry the
/// data), so this removes parsing and validation from the hot path.
/// Bounded by entry count: when full, an arbitrary entry is evicted — cheaper than LRU bookkeeping on every hit,
/// and a working set that fits keeps hitting. Only documents that validated are ever stored (see
/// <see cref="GraphQLRunner"/>), so a flood of distinct garbage cannot evict the good ones faster than it arrives.
/// </summary>
public sealed class DocumentCache(IOptions<GraphQLOptions> options)
{
    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);
    private readonly int _capacity = options.Value.DocumentCacheSize;
    private readonly int _maxQueryLength = options.Value.MaxCachedQueryLength;

    public int Count => _documents.Count;

    public bool TryGet(string query, out GraphQLDocument document) => _documents.TryGetValue(query, out document!);

    public void Add(string query, GraphQLDocument document)
    {
        if (_capacity == 0 || query.Length > _maxQueryLength)
        {
            return;
        }

        while (_documents.Count >= _capacity)
        {
            // ConcurrentDictionary's enumerator takes no snapshot and no lock: taking the first key is O(1).
            using var e = _documents.GetEnumerator();
            if (!e.MoveNext())
            {
                break;
            }

            _documents.TryRemove(e.Current.Key, out _);
        }

        _documents.TryAdd(query, document);
    }
}
