using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Typing;
using Chatt.ChatApi.Users;
using GraphQL.Types;

namespace Chatt.ChatApi.GraphQL;

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        this.AddMessageSubscriptions();
        this.AddUserSubscriptions();
        this.AddConversationSubscriptions();
        this.AddTypingSubscriptions();
    }
}
