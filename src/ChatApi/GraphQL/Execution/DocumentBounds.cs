using Chatt.ChatApi.Common;
using GraphQL;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>
/// Bounds a document before GraphQL.NET validates it, so any document is accepted or refused in milliseconds.
/// Validation is superlinear in the document (overlapping-field checks compare fields pairwise, and fragments are
/// expanded at every spread: a chain of fragments each spreading the next twice is 2^n fields in under 1 KB), so
/// the document is first counted in linear time: tokens and directives in one lexer pass before parsing, then
/// selections per selection set and the fields every operation selects once fragments are expanded, each fragment
/// counted once (memoized), never expanded. Over a bound → <c>DOCUMENT_TOO_LARGE</c> with
/// <c>extensions.limit</c> (<c>tokens</c>, <c>directives</c>, <c>selectionsPerSet</c>, <c>expandedFields</c>,
/// <c>depth</c>) and <c>extensions.max</c>.
/// </summary>
public sealed class DocumentBounds(IOptions<GraphQLOptions> options)
{
    /// <summary>GraphQL-Parser's default nesting limit (syntax-tree levels; a field with a selection set is two).</summary>
    public const int ParserMaxDepth = 128;

    private readonly GraphQLOptions _limits = options.Value;

    /// <summary>Counts tokens and directives without parsing; null when within bounds (or when the text does not lex: the parser reports that).</summary>
    public ExecutionError? CheckText(string query)
    {
        var tokens = 0;
        var directives = 0;
        var source = (ROM)query;
        var position = 0;
        try
        {
            while (true)
            {
                var token = Lexer.Lex(source, position);
                if (token.Kind == TokenKind.EOF)
                {
                    return null;
                }

                position = token.End;
                if (token.Kind == TokenKind.COMMENT)
                {
                    continue;
                }

                if (++tokens > _limits.MaxTokens)
                {
                    return Refuse("tokens", _limits.MaxTokens, $"The document has more than {_limits.MaxTokens} tokens.");
                }

                if (token.Kind == TokenKind.AT && ++directives > _limits.MaxDirectives)
                {
                    return Refuse("directives", _limits.MaxDirectives, $"The document has more than {_limits.MaxDirectives} directives.");
                }
            }
        }
        catch (GraphQLParserException)
        {
            return null;
        }
    }

    /// <summary>The error for a document the parser refused as too deep.</summary>
    public static ExecutionError TooDeep() =>
        Refuse("depth", ParserMaxDepth, $"The document nests deeper than the parser allows ({ParserMaxDepth} syntax levels).");

    /// <summary>Checks selections per set and the expanded field count of a parsed document; null when within bounds.</summary>
    public ExecutionError? CheckDocument(GraphQLDocument document)
    {
        var counter = new ExpandedFieldCounter(document, _limits.MaxSelectionsPerSet);
        long operations = 0;
        foreach (var definition in document.Definitions)
        {
            // Each fragment is bounded on its own too, so a doubling chain no operation uses is refused as well.
            var fields = definition switch
            {
                GraphQLOperationDefinition operation => counter.Count(operation.SelectionSet),
                GraphQLFragmentDefinition fragment => counter.Count(fragment),
                _ => 0,
            };
            if (counter.OverfullSet)
            {
                return Refuse("selectionsPerSet", _limits.MaxSelectionsPerSet, $"A selection set has more than {_limits.MaxSelectionsPerSet} selections.");
            }

            operations += definition is GraphQLOperationDefinition ? fields : 0;
            if (fields > _limits.MaxExpandedFields || operations > _limits.MaxExpandedFields)
            {
                return Refuse("expandedFields", _limits.MaxExpandedFields,
                    $"The document selects more than {_limits.MaxExpandedFields} fields once its fragment spreads are expanded.");
            }
        }

        return null;
    }

    private static ExecutionError Refuse(string limit, int max, string message) =>
        new(message) { Code = ErrorCodes.DocumentTooLarge, Extensions = new() { ["limit"] = limit, ["max"] = max } };

    /// <summary>
    /// Fields of a selection set with its fragment spreads expanded, each fragment's count computed once. Counts
    /// saturate at <see cref="int.MaxValue"/> (a doubling chain of 60 fragments is 2^60). A spread of an unknown
    /// fragment, or one that closes a cycle, counts 0: validation reports those.
    /// </summary>
    private sealed class ExpandedFieldCounter(GraphQLDocument document, int maxSelectionsPerSet)
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = Fragments(document);
        private readonly Dictionary<GraphQLFragmentDefinition, long> _counted = [];
        private readonly HashSet<GraphQLFragmentDefinition> _counting = [];

        public bool OverfullSet { get; private set; }

        public long Count(GraphQLFragmentDefinition fragment)
        {
            if (_counted.TryGetValue(fragment, out var known))
            {
                return known;
            }

            if (!_counting.Add(fragment))
            {
                return 0;
            }

            var count = Count(fragment.SelectionSet);
            _counting.Remove(fragment);
            _counted[fragment] = count;
            return count;
        }

        public long Count(GraphQLSelectionSet set)
        {
            if (set.Selections.Count > maxSelectionsPerSet)
            {
                OverfullSet = true;
                return 0;
            }

            long count = 0;
            foreach (var selection in set.Selections)
            {
                count += selection switch
                {
                    GraphQLField field => 1 + (field.SelectionSet is { } children ? Count(children) : 0),
                    GraphQLInlineFragment inline => Count(inline.SelectionSet),
                    GraphQLFragmentSpread spread => _fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) ? Count(fragment) : 0,
                    _ => 0,
                };
                count = Math.Min(count, int.MaxValue);
                if (OverfullSet)
                {
                    return 0;
                }
            }

            return count;
        }

        private static Dictionary<string, GraphQLFragmentDefinition> Fragments(GraphQLDocument document)
        {
            var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
            foreach (var definition in document.Definitions)
            {
                if (definition is GraphQLFragmentDefinition fragment)
                {
                    fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
                }
            }

            return fragments;
        }
    }
}
