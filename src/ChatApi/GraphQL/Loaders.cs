using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Users;
using GraphQL;
using GraphQL.DataLoader;

namespace Chatt.ChatApi.GraphQL;

/// <summary>Lookups by id that batch within one operation (see <see cref="BatchLoader{T}"/>).</summary>
public static class Loaders
{
    public static IDataLoaderResult<User?> LoadUser(this IResolveFieldContext context, string id) =>
        context.ChatContext().UserLoader(context.Service<IChatStore>()).Load(id);

    /// <summary>
    /// Several users, in the order of <paramref name="ids"/> (unknown ones left out), through the same batch as
    /// <see cref="LoadUser"/>: the mentions and reactors of 100 messages are one store call.
    /// </summary>
    public static IDataLoaderResult<IReadOnlyList<User>> LoadUsers(this IResolveFieldContext context, IReadOnlyList<string> ids)
    {
        var loader = context.ChatContext().UserLoader(context.Service<IChatStore>());
        return new AllOf<User>(ids.Select(loader.Load).ToArray());
    }

    public static IDataLoaderResult<Conversation?> LoadConversation(this IResolveFieldContext context, string id) =>
        context.ChatContext().ConversationLoader(context.Service<IChatStore>()).Load(id);

    /// <summary>The result of <paramref name="source"/> passed through <paramref name="map"/>, still deferred.</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> source, Func<T, TResult> map) =>
        new Mapped<T, TResult>(source, map);

    private sealed class AllOf<T>(IDataLoaderResult<T?>[] parts) : IDataLoaderResult<IReadOnlyList<T>>
        where T : class
    {
        public async Task<IReadOnlyList<T>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var results = new List<T>(parts.Length);
            foreach (var part in parts)
            {
                if (await part.GetResultAsync(cancellationToken) is { } value)
                {
                    results.Add(value);
                }
            }

            return results;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> source, Func<T, TResult> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) => map(await source.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
