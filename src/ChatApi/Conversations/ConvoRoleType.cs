using GraphQL.Types;

namespace Chatt.ChatApi.Conversations;

public sealed class ConvoRoleType : EnumerationGraphType<ConvoRole>
{
    public ConvoRoleType()
    {
        Name = "ConvoRole";
        Description = "A member's role: OWNER (the creator; changes roles), ADMIN (moderates: renames, removes members, deletes messages), MEMBER.";
    }
}
