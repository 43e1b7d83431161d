using Chatt.ChatApi.GraphQL;
using GraphQL;
using GraphQL.Types;

namespace Chatt.ChatApi.Typing;

/// <summary>The root fields about typing indicators.</summary>
public static class TypingFields
{
    public static void AddTypingMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<TypingEventType>>("setTyping")
            .Description("Says the caller is (or stopped) typing in a conversation they are in. Not stored; throttled per user, so send it as often as you like; a typing: true counts until its expiresAt. Returns the state in effect.")
            .Argument<NonNullGraphType<IdGraphType>>("conversationId")
            .Argument<NonNullGraphType<BooleanGraphType>>("typing")
            .ResolveAsync(async c => await c.Service<TypingService>().SetAsync(
                await c.GetCallerIdAsync(), c.GetArgument<string>("conversationId"), c.GetArgument<bool>("typing"), c.CancellationToken));
    }

    public static void AddTypingSubscriptions(this ObjectGraphType subscription)
    {
        subscription.Field<TypingEventType>("onTyping")
            .Description("Who starts and stops typing in a conversation the caller is in (never the caller themself). A typing user who leaves or is removed gets a final typing: false; the subscription ends with FORBIDDEN when the caller is removed.")
            .Argument<NonNullGraphType<IdGraphType>>("conversationId")
            .ResolveStreamAsync(async c => await c.Service<TypingService>().SubscribeAsync(
                await c.GetCallerIdAsync(), c.GetArgument<string>("conversationId"), c.CancellationToken));
    }
}
