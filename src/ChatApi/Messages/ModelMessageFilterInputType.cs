using Chatt.ChatApi.Common;
using Chatt.ChatApi.GraphQL.Types;
using GraphQL.Types;

namespace Chatt.ChatApi.Messages;

public sealed class ModelMessageFilterInputType : InputObjectGraphType
{
    public static readonly IReadOnlyDictionary<string, FilterField> Filterable = new Dictionary<string, FilterField>
    {
        ["id"] = FilterField.Id,
        ["authorId"] = FilterField.AuthorId,
        ["content"] = FilterField.Content,
        ["messageConversationId"] = FilterField.MessageConversationId,
        ["createdAt"] = FilterField.CreatedAt,
        ["updatedAt"] = FilterField.UpdatedAt,
    };

    public ModelMessageFilterInputType()
    {
        Name = "ModelMessageFilterInput";
        Field<ModelIDInputType>("id");
        Field<ModelStringInputType>("authorId");
        Field<ModelStringInputType>("content");
        Field<ModelIDInputType>("messageConversationId");
        Field<ModelStringInputType>("createdAt");
        Field<ModelStringInputType>("updatedAt");
        Field<ListGraphType<ModelMessageFilterInputType>>("and");
        Field<ListGraphType<ModelMessageFilterInputType>>("or");
        Field<ModelMessageFilterInputType>("not");
    }
}
