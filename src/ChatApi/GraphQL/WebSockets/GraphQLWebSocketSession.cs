using System.Text.Json;
using Chatt.ChatApi.GraphQL.Execution;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// One socket's conversation in a subprotocol: reads messages until the socket closes, parses each envelope
/// (<c>type</c>, <c>id</c>, <c>payload</c>) and hands it to the protocol's <see cref="OnMessageAsync"/>. The jobs
/// themselves live in the parts it is given: <see cref="ConnectionInitializer"/> (init, auth, expiry),
/// <see cref="OperationRegistry"/> and <see cref="OperationExecutor"/> (operations), <see cref="FrameWriter"/>
/// (every outbound frame) and <see cref="KeepAlive"/>.
/// </summary>
public abstract class GraphQLWebSocketSession(WebSocketSessionParts parts) : IAsyncDisposable
{
    protected WebSocketConnection Connection => parts.Connection;

    protected FrameWriter Frames => parts.Frames;

    protected ConnectionInitializer Init => parts.Init;

    protected OperationRegistry Operations => parts.Operations;

    protected OperationExecutor Executor => parts.Executor;

    protected GraphQLRequestReader Requests => parts.Requests;

    protected KeepAlive KeepAlive => parts.KeepAlive;

    /// <summary>Runs the writer and the reader until the socket closes.</summary>
    public async Task RunAsync()
    {
        var writer = Connection.RunWriterAsync();
        await parts.Inbound.RunAsync(OnFrameAsync);
        await writer;
    }

    /// <summary>Stops every operation and timer of the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        await parts.KeepAlive.DisposeAsync();
        await parts.Init.DisposeAsync();
        await parts.Operations.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Handles one parsed message. The payload is only valid until the returned task's first await.</summary>
    protected abstract ValueTask OnMessageAsync(string type, string? id, JsonElement payload);

    /// <summary>
    /// Starts a request that arrived acknowledged, with an id and a readable payload; else closes the socket. An id
    /// still running closes with 4409, unless <paramref name="replaceRunning"/> (the legacy protocol's rule) stops it first.
    /// </summary>
    protected async ValueTask<bool> TryStartAsync(string? id, JsonElement payload, string message, bool replaceRunning = false)
    {
        if (Init.User is not { } user)
        {
            Connection.RequestClose(CloseReason.Unauthorized);
            return false;
        }

        if (id is null)
        {
            Connection.RequestClose(CloseReason.BadRequest.With(message + " needs an id"));
            return false;
        }

        if (!Requests.TryRead(payload, out var request, out var error))
        {
            Connection.RequestClose(CloseReason.BadRequest.With(error));
            return false;
        }

        if (replaceRunning)
        {
            await Operations.StopAsync(id);
        }
        else if (Operations.IsRunning(id))
        {
            Connection.RequestClose(CloseReason.SubscriberAlreadyExists.With(id));
            return false;
        }

        await Executor.StartAsync(id, request, user);
        return true;
    }

    private async ValueTask OnFrameAsync(ReadOnlyMemory<byte> frame)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame);
        }
        catch (JsonException)
        {
            Connection.RequestClose(CloseReason.BadRequest.With("not JSON"));
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type)
                || type.ValueKind != JsonValueKind.String)
            {
                Connection.RequestClose(CloseReason.BadRequest.With("no type"));
                return;
            }

            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            root.TryGetProperty("payload", out var payload);
            await OnMessageAsync(type.GetString()!, id, payload);
        }
    }
}
