using Chatt.ChatApi.Messages;
using GraphQL.Types;

namespace Chatt.ChatApi.Search;

public sealed class MessageSearchHitType : ObjectGraphType<MessageSearchHit>
{
    public MessageSearchHitType()
    {
        Name = "MessageSearchHit";
        Field<NonNullGraphType<MessageType>>("message").Resolve(c => c.Source.Message);
        Field<NonNullGraphType<StringGraphType>>("snippet")
            .Description("An excerpt of the message, HTML-escaped, with <mark>…</mark> around each match: safe to insert as HTML.")
            .Resolve(c => c.Source.Snippet);
    }
}
