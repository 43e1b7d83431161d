using Chatt.ChatApi.Common;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.GraphQL.Types;
using Chatt.ChatApi.Live;
using GraphQL;
using GraphQL.Types;

namespace Chatt.ChatApi.Users;

/// <summary>The root fields about users.</summary>
public static class UserFields
{
    public static void AddUserQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<UserType>>("me")
            .Description("The caller.")
            .ResolveAsync(async c => await c.Service<UserService>().GetRequiredAsync(await c.GetCallerIdAsync(), c.CancellationToken));

        query.Field<UserType>("getUser")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                await c.GetCallerIdAsync();
                return await c.Service<UserService>().FindAsync(c.GetArgument<string>("id"), c.CancellationToken);
            });

        query.Field<ModelUserConnectionType>("listUsers")
            .Argument<ModelUserFilterInputType>("filter")
            .ListArgs()
            .ResolveAsync(async c =>
            {
                await c.GetCallerIdAsync();
                var page = c.ReadPage("users");
                var prefix = c.GetArgument<Dictionary<string, object?>?>("filter") is { } filter
                    ? UsernamePrefix(filter)
                    : null;
                return (await c.Service<UserService>().ListAsync(page, prefix, c.CancellationToken)).ToConnection(page, "users");
            });
    }

    public static void AddUserMutations(this ObjectGraphType mutation)
    {
        mutation.Field<UserType>("createUser")
            .Description("Sets the caller's username (unique ignoring case). The user record itself is created from the token on first request.")
            .Argument<NonNullGraphType<CreateUserInputType>>("input")
            .ResolveAsync(async c =>
            {
                var callerId = await c.GetCallerIdAsync();
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                if (input.GetValueOrDefault("id") is string id && id != callerId)
                {
                    throw ChatException.Forbidden("'id' must be your own id (or left out).");
                }

                return await c.Service<UserService>().SetUsernameAsync(callerId, input.GetValueOrDefault("username") as string, c.CancellationToken);
            });
    }

    public static void AddUserSubscriptions(this ObjectGraphType subscription)
    {
        subscription.Field<UserType>("onCreateUser")
            .Description("Every user created from now on.")
            .Shareable()
            .ResolveStreamAsync(c => LiveStreams.StreamAsync(c, _ =>
                Task.FromResult<ILiveSource>(new TopicSource(c.Service<IEventBus>(), Topic.Users, e => e is UserCreated created ? created.User : null))));
    }

    private static string UsernamePrefix(Dictionary<string, object?> filter)
    {
        if (filter.Count != 1 || filter.GetValueOrDefault("username") is not Dictionary<string, object?> { Count: 1 } username
            || username.GetValueOrDefault("beginsWith") is not string prefix)
        {
            throw ChatException.BadInput("'filter' on users supports exactly { username: { beginsWith } }.");
        }

        return FilterParser.RequireNoNul(prefix, "filter.username.beginsWith");
    }
}
