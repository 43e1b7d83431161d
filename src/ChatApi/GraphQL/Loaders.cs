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

    public static IDataLoaderResult<Conversation?> LoadConversation(this IResolveFieldContext context, string id) =>
        context.ChatContext().ConversationLoader(context.Service<IChatStore>()).Load(id);
}
