using System.Security.Claims;
using Chatt.ChatApi.Common;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>
/// The one way both transports run an operation: the document cache, the validation rules (core rules, plus the
/// complexity budget registered through <c>AddComplexityAnalyzer</c>), the per-operation user context and the
/// error mapping. HTTP and WebSocket differ only in how requests arrive and results leave.
/// </summary>
public sealed class GraphQLRunner(
    IDocumentExecuter executer,
    ISchema schema,
    IDocumentBuilder documentBuilder,
    DocumentCache cache,
    DocumentBounds bounds,
    ExecutionErrorMapper errors,
    ChatTelemetry telemetry)
{
    /// <summary>
    /// Parses (or finds in the cache) the request's document and selects its operation. A new document is first held
    /// to the <see cref="DocumentBounds"/>, before and after parsing; a cached one passed them already.
    /// </summary>
    public PreparedOperation Prepare(GraphQLRequest request)
    {
        var query = request.Query ?? "";
        var fromCache = cache.TryGet(query, out var document);
        if (!fromCache)
        {
            if (bounds.CheckText(query) is { } tooLarge)
            {
                return new PreparedOperation(request, null, null, false, tooLarge);
            }

            try
            {
                document = documentBuilder.Build(query);
            }
            catch (SyntaxError error)
            {
                return new PreparedOperation(request, null, null, false, error);
            }
            catch (GraphQLMaxDepthExceededException)
            {
                // Not a syntax error to GraphQL.NET, so it would escape as a 500: it is the client's document.
                return new PreparedOperation(request, null, null, false, DocumentBounds.TooDeep());
            }

            if (bounds.CheckDocument(document) is { } tooMany)
            {
                return new PreparedOperation(request, null, null, false, tooMany);
            }
        }

        return new PreparedOperation(request, document, SelectOperation(document, request.OperationName)?.Operation, fromCache);
    }

    /// <summary>
    /// Runs a prepared operation for <paramref name="user"/>. <paramref name="services"/> is the scope the resolvers
    /// resolve from; the caller owns it (one per operation where scoped services must not be shared).
    /// A subscription's result carries its event streams in <see cref="ExecutionResult.Streams"/>.
    /// <paramref name="transport"/> tags the operation in the telemetry.
    /// </summary>
    public async Task<ExecutionResult> ExecuteAsync(PreparedOperation operation, ClaimsPrincipal user, IServiceProvider services, string transport, CancellationToken cancellationToken)
    {
        telemetry.Operations.Add(1,
            new KeyValuePair<string, object?>("type", operation.OperationType?.ToString().ToLowerInvariant() ?? "invalid"),
            new KeyValuePair<string, object?>("transport", transport));
        if (operation.Refusal is { } refusal)
        {
            return new ExecutionResult { Errors = [refusal] };
        }

        var request = operation.Request;
        var options = new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            Document = operation.Document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            UserContext = new ChatUserContext(user),
            User = user,
            RequestServices = services,
            CancellationToken = cancellationToken,
            ThrowOnUnhandledException = false,
            UnhandledExceptionDelegate = errors.HandleAsync,
        };
        if (operation.FromCache)
        {
            // A cached document passed the document-level rules already; only rules that read variables or the
            // user (CachedDocumentValidationRules) run again. The complexity rule is appended by its registration.
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
        }

        var result = await executer.ExecuteAsync(options);
        if (!operation.FromCache && result.Executed && operation.Document is not null)
        {
            cache.Add(request.Query!, operation.Document);
        }

        return result;
    }

    private static GraphQLOperationDefinition? SelectOperation(GraphQLDocument document, string? operationName)
    {
        GraphQLOperationDefinition? found = null;
        foreach (var definition in document.Definitions)
        {
            if (definition is not GraphQLOperationDefinition operation)
            {
                continue;
            }

            if (operationName is null)
            {
                if (found is not null)
                {
                    return null; // ambiguous: the executor reports it
                }

                found = operation;
            }
            else if (operation.Name?.StringValue == operationName)
            {
                return operation;
            }
        }

        return found;
    }
}
