using GraphQL.Types;

namespace Chatt.ChatApi.Users;

/// <summary>
/// Filtering users is by username prefix only (the user picker's search); other comparisons are refused
/// rather than ignored.
/// </summary>
public sealed class ModelUserFilterInputType : InputObjectGraphType
{
    public ModelUserFilterInputType()
    {
        Name = "ModelUserFilterInput";
        Field<ModelUserUsernameInputType>("username");
    }
}

public sealed class ModelUserUsernameInputType : InputObjectGraphType
{
    public ModelUserUsernameInputType()
    {
        Name = "ModelUserUsernameInput";
        Field<StringGraphType>("beginsWith").Description("Case-insensitive username prefix.");
    }
}
