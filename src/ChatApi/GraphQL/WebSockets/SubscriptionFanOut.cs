using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using Chatt.ChatApi.GraphQL.Execution;
using GraphQL;
using GraphQLParser.AST;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// Runs a conversation's message subscription once per distinct selection, not once per subscriber: every socket
/// that subscribed to <c>onCreateMessage</c> of the same conversation with the same document and variables joins one
/// shared execution, whose results are resolved and serialized once and copied into each socket's queue.
/// <para>
/// Each subscriber is still authorized on its own (the session executes its subscribe first, which checks
/// membership, and only then joins). Sharing is limited to selections whose result is the same for every member: any
/// caller-dependent field (<c>unreadCount</c>, a user's <c>conversations</c>/<c>messages</c>, <c>me</c>) keeps the
/// subscription on its own execution. The shared execution has its own DI scope and lives until its last member leaves.
/// </para>
/// </summary>
public sealed class SubscriptionFanOut(IServiceScopeFactory scopes, GraphQLRunner runner, FrameSerializer serializer)
{
    private static readonly HashSet<string> CallerDependentFields = new(StringComparer.Ordinal) { "unreadCount", "conversations", "messages", "me", "myConvos" };

    private readonly ConcurrentDictionary<string, Lazy<Task<Group>>> _groups = new(StringComparer.Ordinal);

    /// <summary>How many shared executions are running (for tests and diagnostics).</summary>
    public int GroupCount => _groups.Count;

    /// <summary>Members of the running shared executions whose key mentions <paramref name="text"/> (e.g. a conversation id).</summary>
    internal int MemberCount(string text) => _groups
        .Where(g => g.Key.Contains(text, StringComparison.Ordinal) && g.Value.IsValueCreated && g.Value.Value.IsCompletedSuccessfully)
        .Sum(g => g.Value.Value.Result.MemberCount);

    /// <summary>The key under which subscribers share one execution, or null when this one must run alone.</summary>
    public static string? ShareKey(PreparedOperation operation)
    {
        if (operation.Document is not { } document || operation.OperationType != OperationType.Subscription)
        {
            return null;
        }

        var definition = document.Definitions.OfType<GraphQLOperationDefinition>()
            .FirstOrDefault(d => operation.Request.OperationName is null || d.Name?.StringValue == operation.Request.OperationName);
        if (definition?.SelectionSet.Selections is not [GraphQLField { Name.StringValue: "onCreateMessage", Alias: null }])
        {
            return null;
        }

        // Fragments may hold fields too: look at every field name in the whole document.
        foreach (var node in document.Definitions)
        {
            if (node is IHasSelectionSetNode { SelectionSet: { } selections } && NamesCallerDependentField(selections))
            {
                return null;
            }
        }

        return string.Join('\n', "onCreateMessage", operation.Request.OperationName, JsonSerializer.Serialize(operation.Request.Variables), operation.Request.Query);
    }

    /// <summary>Adds a member to the shared execution for <paramref name="key"/>, starting it if needed.</summary>
    public async Task<IDisposable> JoinAsync(string key, PreparedOperation operation, ClaimsPrincipal user, IFanOutMember member)
    {
        for (var attempt = 0; ; attempt++)
        {
            var lazy = _groups.GetOrAdd(key, k => new Lazy<Task<Group>>(() => StartAsync(k, operation, user)));
            Group group;
            try
            {
                group = await lazy.Value;
            }
            catch
            {
                _groups.TryRemove(new KeyValuePair<string, Lazy<Task<Group>>>(key, lazy));
                throw;
            }

            if (group.TryAdd(member) is { } membership)
            {
                return membership;
            }

            // The group was closing as its last member left; start (or join) its successor.
            if (attempt > 3)
            {
                throw new InvalidOperationException("Could not join a shared subscription.");
            }
        }
    }

    private async Task<Group> StartAsync(string key, PreparedOperation operation, ClaimsPrincipal user)
    {
        var group = new Group(this, key, scopes.CreateAsyncScope(), serializer.Options);
        try
        {
            var result = await runner.ExecuteAsync(operation, user, group.Services, "websocket-shared", group.Cancellation);
            if (result.Streams is not { Count: 1 } streams)
            {
                throw new InvalidOperationException("A shared subscription produced no stream: " + string.Join("; ", result.Errors?.Select(e => e.Message) ?? []));
            }

            group.Start(streams.Values.Single());
            return group;
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }
    }

    private void Remove(Group group)
    {
        foreach (var entry in _groups)
        {
            if (entry.Key == group.Key && entry.Value.IsValueCreated && entry.Value.Value.IsCompletedSuccessfully && entry.Value.Value.Result == group)
            {
                _groups.TryRemove(entry);
            }
        }
    }

    private static bool NamesCallerDependentField(GraphQLSelectionSet selections)
    {
        foreach (var selection in selections.Selections)
        {
            switch (selection)
            {
                case GraphQLField field when CallerDependentFields.Contains(field.Name.StringValue):
                    return true;
                case IHasSelectionSetNode { SelectionSet: { } inner } when NamesCallerDependentField(inner):
                    return true;
            }
        }

        return false;
    }

    private sealed class Group(SubscriptionFanOut owner, string key, AsyncServiceScope scope, JsonSerializerOptions json) : IObserver<ExecutionResult>, IAsyncDisposable
    {
        private readonly Lock _gate = new();
        private readonly CancellationTokenSource _cancellation = new();
        private IFanOutMember[] _members = [];
        private IDisposable? _source;
        private bool _closed;
        private int _disposed;

        public string Key { get; } = key;

        public IServiceProvider Services => scope.ServiceProvider;

        public CancellationToken Cancellation => _cancellation.Token;

        public int MemberCount => Volatile.Read(ref _members).Length;

        public void Start(IObservable<ExecutionResult> stream) => _source = stream.Subscribe(this);

        public IDisposable? TryAdd(IFanOutMember member)
        {
            lock (_gate)
            {
                if (_closed)
                {
                    return null;
                }

                _members = [.. _members, member];
            }

            return new Membership(this, member);
        }

        public void OnNext(ExecutionResult value)
        {
            // Resolved once by the shared execution; serialized once here; copied into every member's queue.
            var payload = JsonSerializer.SerializeToUtf8Bytes(value, json);
            foreach (var member in Volatile.Read(ref _members))
            {
                member.Next(payload);
            }
        }

        public void OnError(Exception error) => End(error);

        public void OnCompleted() => End(null);

        private void End(Exception? error)
        {
            IFanOutMember[] members;
            lock (_gate)
            {
                _closed = true;
                members = _members;
                _members = [];
            }

            foreach (var member in members)
            {
                member.End(error);
            }

            owner.Remove(this);
            _ = DisposeAsync().AsTask();
        }

        private void Leave(IFanOutMember member)
        {
            bool last;
            lock (_gate)
            {
                _members = Array.FindAll(_members, m => m != member);
                last = _members.Length == 0 && !_closed;
                _closed |= last;
            }

            if (last)
            {
                owner.Remove(this);
                _ = DisposeAsync().AsTask();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            Interlocked.Exchange(ref _source, null)?.Dispose();
            await _cancellation.CancelAsync();
            _cancellation.Dispose();
            await scope.DisposeAsync();
        }

        private sealed class Membership(Group group, IFanOutMember member) : IDisposable
        {
            private int _disposed;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    group.Leave(member);
                }
            }
        }
    }
}

/// <summary>A socket's operation taking part in a shared subscription.</summary>
public interface IFanOutMember
{
    /// <summary>One result, already serialized as the <c>payload</c> of a next/data frame. Must not block.</summary>
    void Next(byte[] payload);

    /// <summary>The shared stream ended (error null) or failed.</summary>
    void End(Exception? error);
}
