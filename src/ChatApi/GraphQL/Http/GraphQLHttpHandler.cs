using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Chatt.ChatApi.Auth;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.GraphQL.Execution;
using Chatt.ChatApi.GraphQL.WebSockets;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Chatt.ChatApi.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP at <c>/graphql</c>, as the GraphQL-over-HTTP spec says: POST <c>application/json</c> (one request,
/// or a JSON array of up to <see cref="GraphQLOptions.MaxBatchSize"/>), GET for queries only (405 for mutations),
/// responses in <c>application/graphql-response+json</c> or <c>application/json</c> by Accept (406 for neither).
/// With <c>application/graphql-response+json</c> a request that fails before execution (parse, validation, variable
/// coercion) gets 400; with <c>application/json</c> every well-formed request gets 200. Every request must carry a
/// valid bearer token: otherwise 401 with code <c>UNAUTHENTICATED</c>. Every operation takes a token from the caller's
/// rate-limit bucket before it is parsed: a refused request gets 429 with <c>Retry-After</c> and <c>RATE_LIMITED</c>.
/// </summary>
public sealed partial class GraphQLHttpHandler(
    GraphQLRunner runner,
    GraphQLRequestReader reader,
    OperationRateLimiter rateLimiter,
    FrameSerializer serializer,
    IServiceScopeFactory scopes,
    IOptions<GraphQLOptions> options,
    ILogger<GraphQLHttpHandler> logger)
{
    private readonly GraphQLOptions _options = options.Value;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, ResponseMediaType.Json, TransportErrorCodes.MethodNotAllowed, "GraphQL requests use GET or POST.");
            return;
        }

        var mediaType = ResponseMediaType.Negotiate(request.Headers.Accept);
        if (mediaType is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status406NotAcceptable, ResponseMediaType.Json, TransportErrorCodes.NotAcceptable,
                $"Accept must allow '{ResponseMediaType.GraphQLResponse}' or '{ResponseMediaType.Json}'.");
            return;
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.Headers.WWWAuthenticate = BearerChallenge.HeaderValue(context);
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, mediaType, ErrorCodes.Unauthenticated, "A valid bearer token is required.");
            return;
        }

        if (isGet)
        {
            var query = request.Query;
            if (!reader.TryRead(query["query"], query["operationName"], query["variables"], query["extensions"], out var single, out var error))
            {
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, mediaType, TransportErrorCodes.BadRequest, error);
                return;
            }

            await RunSingleAsync(context, single, mediaType, isGet: true);
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, ResponseMediaType.Json, StringComparison.OrdinalIgnoreCase)
            || !ResponseMediaType.IsUtf8(contentType.Charset.Value))
        {
            await WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, mediaType, TransportErrorCodes.UnsupportedMediaType,
                "POST bodies must be 'application/json' in UTF-8.");
            return;
        }

        var parsed = await ReadBodyAsync(context);
        if (parsed.Status != StatusCodes.Status200OK)
        {
            await WriteErrorAsync(context, parsed.Status, mediaType, parsed.Status == StatusCodes.Status413PayloadTooLarge ? TransportErrorCodes.PayloadTooLarge : TransportErrorCodes.BadRequest, parsed.Error);
            return;
        }

        if (parsed.Batch is { } batch)
        {
            await RunBatchAsync(context, batch, mediaType);
        }
        else
        {
            await RunSingleAsync(context, parsed.Single!, mediaType, isGet: false);
        }
    }

    private async Task RunSingleAsync(HttpContext context, GraphQLRequest request, string mediaType, bool isGet)
    {
        if (!await AdmitAsync(context, 1, mediaType))
        {
            return;
        }

        var prepared = runner.Prepare(request);
        if (isGet && prepared.OperationType is OperationType.Mutation)
        {
            context.Response.Headers.Allow = "POST";
            await WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, mediaType, TransportErrorCodes.MethodNotAllowed, "Mutations must be sent with POST.");
            return;
        }

        var result = await ExecuteAsync(prepared, context, context.RequestServices);
        var status = mediaType == ResponseMediaType.GraphQLResponse && !result.Executed ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        await WriteAsync(context, status, mediaType, result);
    }

    private async Task RunBatchAsync(HttpContext context, GraphQLRequest[] batch, string mediaType)
    {
        Log.Batch(logger, batch.Length);
        if (!await AdmitAsync(context, batch.Length, mediaType))
        {
            return;
        }

        var results = new ExecutionResult[batch.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            // Operations of one batch are independent requests: none may see another's scoped state.
            await using var scope = scopes.CreateAsyncScope();
            results[i] = await ExecuteAsync(runner.Prepare(batch[i]), context, scope.ServiceProvider);
        }

        await WriteBoundedAsync(context, StatusCodes.Status200OK, mediaType, results,
            tooLarge => Enumerable.Repeat(tooLarge.Result, results.Length).ToArray());
    }

    /// <summary>Takes the operations' tokens, or answers 429 (whatever the media type: the request was not run).</summary>
    private async Task<bool> AdmitAsync(HttpContext context, int operations, string mediaType)
    {
        var decision = rateLimiter.TryAcquire(context.User, operations);
        if (decision.Allowed)
        {
            return true;
        }

        context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(decision.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await WriteAsync(context, StatusCodes.Status429TooManyRequests, mediaType, new ExecutionResult { Errors = [OperationRateLimiter.Error(decision)] });
        return false;
    }

    private Task<ExecutionResult> ExecuteAsync(PreparedOperation prepared, HttpContext context, IServiceProvider services) =>
        prepared.OperationType is OperationType.Subscription
            ? Task.FromResult(ErrorResult(TransportErrorCodes.BadRequest, "Subscriptions are served over WebSocket at /graphql (graphql-transport-ws)."))
            : runner.ExecuteAsync(prepared, context.User, services, "http", context.RequestAborted);

    private async Task<ParsedBody> ReadBodyAsync(HttpContext context)
    {
        var limit = _options.MaxRequestBytes;
        if (context.Request.ContentLength > limit)
        {
            return ParsedBody.Fail(StatusCodes.Status413PayloadTooLarge, $"Request bodies are limited to {limit} bytes.");
        }

        var body = context.Request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await body.ReadAsync(context.RequestAborted);
            if (read.Buffer.Length > limit)
            {
                body.AdvanceTo(read.Buffer.End);
                return ParsedBody.Fail(StatusCodes.Status413PayloadTooLarge, $"Request bodies are limited to {limit} bytes.");
            }

            if (read.IsCompleted)
            {
                break;
            }

            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }

        try
        {
            return Parse(read.Buffer);
        }
        finally
        {
            body.AdvanceTo(read.Buffer.End);
        }
    }

    private ParsedBody Parse(ReadOnlySequence<byte> bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            return ParsedBody.Fail(StatusCodes.Status400BadRequest, "The request body is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return reader.TryRead(root, out var single, out var error)
                    ? new ParsedBody(StatusCodes.Status200OK, single, null, "")
                    : ParsedBody.Fail(StatusCodes.Status400BadRequest, error);
            }

            var count = root.GetArrayLength();
            if (_options.MaxBatchSize == 0)
            {
                return ParsedBody.Fail(StatusCodes.Status400BadRequest, "Batched requests are disabled.");
            }

            if (count == 0 || count > _options.MaxBatchSize)
            {
                return ParsedBody.Fail(StatusCodes.Status400BadRequest, $"A batch must hold between 1 and {_options.MaxBatchSize} requests.");
            }

            var batch = new GraphQLRequest[count];
            var i = 0;
            foreach (var element in root.EnumerateArray())
            {
                if (!reader.TryRead(element, out batch[i], out var error))
                {
                    return ParsedBody.Fail(StatusCodes.Status400BadRequest, $"Batch item {i}: {error}");
                }

                i++;
            }

            return new ParsedBody(StatusCodes.Status200OK, null, batch, "");
        }
    }

    private static ExecutionResult ErrorResult(string code, string message) =>
        new() { Errors = [new ExecutionError(message) { Code = code }] };

    private Task WriteErrorAsync(HttpContext context, int status, string mediaType, string code, string message) =>
        WriteAsync(context, status, mediaType, ErrorResult(code, message));

    private Task WriteAsync(HttpContext context, int status, string mediaType, ExecutionResult result) =>
        WriteBoundedAsync(context, status, mediaType, result, tooLarge => tooLarge.Result);

    /// <summary>
    /// Serializes into a buffer bounded by <see cref="GraphQLOptions.MaxResponseBytes"/> before anything is sent, so a
    /// response over it can still be replaced (by <paramref name="instead"/>: <c>RESPONSE_TOO_LARGE</c>, status 200
    /// as for any executed operation) rather than cut off mid-body.
    /// </summary>
    private async Task WriteBoundedAsync<T>(HttpContext context, int status, string mediaType, T body, Func<ResponseTooLargeException, T> instead)
    {
        var buffer = new PooledBufferWriter(4096, _options.MaxResponseBytes);
        try
        {
            try
            {
                Serialize(buffer, body);
            }
            catch (ResponseTooLargeException tooLarge)
            {
                buffer.Dispose();
                buffer = new PooledBufferWriter();
                Serialize(buffer, instead(tooLarge));
                status = StatusCodes.Status200OK;
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = mediaType + "; charset=utf-8";
            context.Response.ContentLength = buffer.WrittenMemory.Length;
            await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    private void Serialize<T>(PooledBufferWriter buffer, T body)
    {
        using var writer = new Utf8JsonWriter(buffer);
        JsonSerializer.Serialize(writer, body, serializer.Options);
    }

    private sealed record ParsedBody(int Status, GraphQLRequest? Single, GraphQLRequest[]? Batch, string Error)
    {
        public static ParsedBody Fail(int status, string error) => new(status, null, null, error);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, EventName = "GraphQLHttpBatch", Level = LogLevel.Debug, Message = "Running a batch of {Count} GraphQL requests")]
        public static partial void Batch(ILogger logger, int count);
    }
}
