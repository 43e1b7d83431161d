using Chatt.ChatApi.Common;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.GraphQL.Types;
using Chatt.ChatApi.Users;
using Chatt.ChatApi.Live;
using GraphQL;
using GraphQL.Types;

namespace Chatt.ChatApi.Messages;

/// <summary>
/// <c>type ReactionGroup</c>: one emoji on a message, how many reacted, whether the caller did, and who. Everything is
/// answered from the message's own totals (they carry the reactors), so <c>me</c> needs no store read.
/// </summary>
public sealed class ReactionGroupType : ObjectGraphType<ReactionView>
{
    public ReactionGroupType()
    {
        Name = "ReactionGroup";
        Field<NonNullGraphType<StringGraphType>>("emoji").Resolve(c => c.Source.Group.Emoji);
        Field<NonNullGraphType<IntGraphType>>("count").Resolve(c => c.Source.Group.Count);
        Field<NonNullGraphType<BooleanGraphType>>("me")
            .Description("Whether the caller reacted with this emoji.")
            .ResolveAsync(async c => c.Source.Group.UserIds.Contains(await c.GetCallerIdAsync()))
            .PerCaller(false, view => caller => view.Group.UserIds.Contains(caller.UserId));

        Field<ModelUserConnectionType>("users")
            .Description("Who reacted, in the order they did.")
            .Argument<IntGraphType>("limit", $"1–{PageRequest.MaxLimit}; default {PageRequest.DefaultLimit}.")
            .Argument<StringGraphType>("nextToken")
            .Resolve(c =>
            {
                var list = $"reaction-users:{c.Source.MessageId}:{c.Source.Group.Emoji}";
                var page = c.ReadPage(list);
                var start = page.AfterKey is null ? 0 : int.TryParse(page.AfterKey, out var offset) && offset > 0 ? offset : throw ChatException.BadInput("'nextToken' is not a token this list gave out.");
                var ids = c.Source.Group.UserIds.Skip(start).Take(page.Limit).ToArray();
                var next = start + ids.Length < c.Source.Group.UserIds.Count ? (start + ids.Length).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
                return c.LoadUsers(ids).Then(users => new Page<User>(users, next).ToConnection(page, list));
            });
        // users(limit, nextToken) pages through a connection type that is not marked: a selection with it runs per caller.
        this.MarkShareable("emoji", "count");
    }
}
