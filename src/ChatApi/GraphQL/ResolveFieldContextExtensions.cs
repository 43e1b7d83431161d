using Chatt.ChatApi.Auth;
using Chatt.ChatApi.Common;
using GraphQL;

namespace Chatt.ChatApi.GraphQL;

public static class ResolveFieldContextExtensions
{
    /// <summary>The caller's user id, provisioning the user on the first request. Identity never comes from arguments.</summary>
    public static async ValueTask<string> GetCallerIdAsync(this IResolveFieldContext context)
    {
        var userContext = context.ChatContext();
        if (userContext.CallerId is { } id)
        {
            return id;
        }

        var resolver = context.RequestServices!.GetRequiredService<CallerResolver>();
        id = await resolver.GetUserIdAsync(userContext.Principal, context.CancellationToken);
        userContext.CallerId = id;
        return id;
    }

    public static ChatUserContext ChatContext(this IResolveFieldContext context) =>
        context.UserContext as ChatUserContext
        ?? throw new ChatException(ErrorCodes.Unauthenticated, "A valid bearer token is required.");

    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();
}
