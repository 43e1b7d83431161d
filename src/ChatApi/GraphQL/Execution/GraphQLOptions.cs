using System.ComponentModel.DataAnnotations;

namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>
/// Limits and switches of GraphQL execution shared by every transport, bound from the <c>GraphQL</c> section.
/// A wrong value fails the host at start (ValidateOnStart), never deep in a request.
/// </summary>
public sealed class GraphQLOptions
{
    public const string Section = "GraphQL";

    /// <summary>Deepest selection nesting an operation may have; deeper operations are rejected before execution.</summary>
    [Range(1, 64)]
    public int MaxDepth { get; set; } = 12;

    /// <summary>
    /// Complexity budget of one operation, as scored by GraphQL.NET's analyzer (each field 1, list fields multiply
    /// their children by 5 unless a <c>first</c>/<c>last</c> argument says otherwise).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxComplexity { get; set; } = 2_000;

    /// <summary>
    /// Whether <c>__schema</c>/<c>__type</c> may be queried. Introspection is exempt from <see cref="MaxDepth"/> and
    /// <see cref="MaxComplexity"/> (the standard introspection query nests 14 deep and scores ~270,000 though its real
    /// cost is bounded by the schema's size) and measured against the introspection limits below instead, which
    /// still stop the cyclic <c>__Type.fields.type.fields…</c> queries that grow exponentially.
    /// </summary>
    public bool EnableIntrospection { get; set; } = true;

    [Range(1, 64)]
    public int IntrospectionMaxDepth { get; set; } = 16;

    [Range(1, int.MaxValue)]
    public int IntrospectionMaxComplexity { get; set; } = 1_000_000;

    /// <summary>How many parsed and validated documents are kept, keyed by query text.</summary>
    [Range(0, 1_000_000)]
    public int DocumentCacheSize { get; set; } = 1_000;

    /// <summary>Query texts longer than this are parsed every time rather than cached.</summary>
    [Range(1, int.MaxValue)]
    public int MaxCachedQueryLength { get; set; } = 32_768;

    /// <summary>Largest HTTP request body (bytes); larger bodies get 413.</summary>
    [Range(1, int.MaxValue)]
    public int MaxRequestBytes { get; set; } = 1_048_576;

    /// <summary>Most operations in one JSON-array batch over HTTP; 0 disables batching. Larger batches get 400.</summary>
    [Range(0, 100)]
    public int MaxBatchSize { get; set; } = 10;
}
