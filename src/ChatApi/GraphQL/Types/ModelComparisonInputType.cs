using GraphQL.Types;

namespace Chatt.ChatApi.GraphQL.Types;

/// <summary>
/// The AppSync comparison inputs (<c>ModelIDInput</c>, <c>ModelStringInput</c>): operators on one field, ANDed
/// when several are given. Strings compare as text; timestamps are fixed-width ISO-8601 so text order is time order.
/// </summary>
public abstract class ModelComparisonInputType<TScalar> : InputObjectGraphType where TScalar : ScalarGraphType
{
    protected ModelComparisonInputType(string name)
    {
        Name = name;
        Field<TScalar>("ne");
        Field<TScalar>("eq");
        Field<TScalar>("le");
        Field<TScalar>("lt");
        Field<TScalar>("ge");
        Field<TScalar>("gt");
        Field<TScalar>("contains");
        Field<TScalar>("notContains");
        Field<ListGraphType<TScalar>>("between").Description("Exactly two values: inclusive lower and upper bound.");
        Field<TScalar>("beginsWith");
    }
}

public sealed class ModelIDInputType() : ModelComparisonInputType<IdGraphType>("ModelIDInput");

public sealed class ModelStringInputType() : ModelComparisonInputType<StringGraphType>("ModelStringInput");
