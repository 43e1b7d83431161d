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
    /// Cost budget of one operation (<see cref="ComplexityBudget"/>): every selected field costs 1 for each time it
    /// would be resolved, so a field inside a page costs the page's size (its <c>limit</c>, or the default page size),
    /// and nested pages multiply. The web client's largest operation costs ~2,000; one 1000-message page of
    /// every message field ~20,000; a page of 1000 nested in a page of 1000 two million.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxComplexity { get; set; } = 50_000;

    /// <summary>
    /// What a list without a <c>limit</c> argument counts as (a message's <c>mentions</c> and <c>reactions</c>, each
    /// capped by the <c>Chat</c> options; introspection's lists). GraphQL.NET's own default, so the introspection
    /// limits below keep their meaning.
    /// </summary>
    [Range(1, 1000)]
    public int ListSizeEstimate { get; set; } = 20;

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

    // Document bounds (DocumentBounds), checked before validation: GraphQL.NET's validation rules are superlinear in
    // the document (overlapping-field checks, fragment expansion), so an unbounded document costs seconds to refuse.

    /// <summary>Most lexical tokens (names, punctuators, values; comments not counted) a document may have.</summary>
    [Range(100, 1_000_000)]
    public int MaxTokens { get; set; } = 10_000;

    /// <summary>Most selections (fields, fragment spreads, inline fragments) directly in one selection set.</summary>
    [Range(10, 100_000)]
    public int MaxSelectionsPerSet { get; set; } = 500;

    /// <summary>Most fields the document's operations select once every fragment spread is expanded.</summary>
    [Range(100, 1_000_000)]
    public int MaxExpandedFields { get; set; } = 5_000;

    /// <summary>Most directives (<c>@include</c>, <c>@skip</c>, …) in one document.</summary>
    [Range(1, 100_000)]
    public int MaxDirectives { get; set; } = 100;

    /// <summary>
    /// Largest serialized response (bytes) of a query or mutation, over HTTP and over WebSocket; a larger one is
    /// replaced by one <c>RESPONSE_TOO_LARGE</c> error. A second line behind the cost budget (a page of long messages
    /// can be large at a small cost). Keep it below <c>GraphQL:WebSockets:MaxOutboundBytes</c>.
    /// </summary>
    [Range(65_536, 1_073_741_824)]
    public int MaxResponseBytes { get; set; } = 8 * 1024 * 1024;
}
