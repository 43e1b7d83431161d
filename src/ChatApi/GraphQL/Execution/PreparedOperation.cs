using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;

namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>
/// A request whose document has been parsed (or found in the cache) and whose operation has been selected, so a
/// transport can decide by operation type (GET allows queries only; a socket streams subscriptions) before running it.
/// </summary>
/// <param name="Document">Null when the query was refused before validation (<paramref name="Refusal"/> says why).</param>
/// <param name="OperationType">Null when the document does not parse or names no single matching operation.</param>
/// <param name="FromCache">True when the document already passed validation once.</param>
/// <param name="Refusal">Why the document was refused before validation: a syntax error, or over a <see cref="DocumentBounds"/> bound.</param>
public sealed record PreparedOperation(GraphQLRequest Request, GraphQLDocument? Document, OperationType? OperationType, bool FromCache, ExecutionError? Refusal = null);
