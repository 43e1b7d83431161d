using Chatt.ChatApi.Common;
using Chatt.ChatApi.GraphQL.Types;
using GraphQL.Types;

namespace Chatt.ChatApi.Conversations;

public sealed class ModelConvoLinkFilterInputType : InputObjectGraphType
{
    public static readonly IReadOnlyDictionary<string, FilterField> Filterable = new Dictionary<string, FilterField>
    {
        ["id"] = FilterField.Id,
        ["convoLinkUserId"] = FilterField.ConvoLinkUserId,
        ["convoLinkConversationId"] = FilterField.ConvoLinkConversationId,
        ["createdAt"] = FilterField.CreatedAt,
        ["updatedAt"] = FilterField.UpdatedAt,
    };

    public ModelConvoLinkFilterInputType()
    {
        Name = "ModelConvoLinkFilterInput";
        Field<ModelIDInputType>("id");
        Field<ModelIDInputType>("convoLinkUserId");
        Field<ModelIDInputType>("convoLinkConversationId");
        Field<ModelStringInputType>("createdAt");
        Field<ModelStringInputType>("updatedAt");
        Field<ListGraphType<ModelConvoLinkFilterInputType>>("and");
        Field<ListGraphType<ModelConvoLinkFilterInputType>>("or");
        Field<ModelConvoLinkFilterInputType>("not");
    }
}
