using Chatt.ChatApi.Common;
using GraphQL.Types;

namespace Chatt.ChatApi.GraphQL.Types;

public sealed class ModelSortDirectionType : EnumerationGraphType<SortDirection>
{
    public ModelSortDirectionType()
    {
        Name = "ModelSortDirection";
        Description = "Creation order: ASC is oldest first (the default).";
    }
}
