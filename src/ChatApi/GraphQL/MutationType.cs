using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Typing;
using Chatt.ChatApi.Users;
using GraphQL.Types;

namespace Chatt.ChatApi.GraphQL;

public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        this.AddUserMutations();
        this.AddConversationMutations();
        this.AddMessageMutations();
        this.AddTypingMutations();
    }
}
