using GraphQL.Types;

namespace Chatt.ChatApi.GraphQL.Types;

/// <summary><c>type Model{Name}Connection { items: [T] nextToken: String }</c>, as the original schema has it.</summary>
public abstract class ConnectionType<TItemType, TItem> : ObjectGraphType<Connection<TItem>>
    where TItemType : IGraphType
{
    protected ConnectionType(string name)
    {
        Name = name;
        Field<ListGraphType<TItemType>>("items").Resolve(c => c.Source.Items);
        Field<StringGraphType>("nextToken").Resolve(c => c.Source.NextToken);
    }
}
