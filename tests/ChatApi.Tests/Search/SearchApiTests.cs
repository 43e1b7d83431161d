using System.Text.Json;
using Chatt.ChatApi.Tests.Schema;

namespace Chatt.ChatApi.Tests.Search;

/// <summary>searchMessages over HTTP, as a client sends it: what matches, whose messages one may find, and the refusals.</summary>
public sealed class SearchApiTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    private const string SearchQuery = """
        query($q: String!, $c: ID, $limit: Int, $t: String, $filter: ModelMessageFilterInput) {
          searchMessages(query: $q, conversationId: $c, limit: $limit, nextToken: $t, filter: $filter) {
            items { snippet message { id content authorId messageConversationId } }
            nextToken
          }
        }
        """;

    [Fact]
    public async Task A_word_finds_longer_words_it_begins_or_sits_inside_newest_first()
    {
        var room = await Room.CreateAsync(host, 1);
        var deployment = await IdOfAsync(room, room.Owner, "We finished the deployment");
        var redeploy = await IdOfAsync(room, room.Owner, "redeploying tomorrow");
        await room.PostAsync(room.Owner, "nothing to see");

        Assert.Equal([redeploy, deployment], await FoundAsync(room.Owner, "deploy"));
        Assert.Equal([deployment], await FoundAsync(room.Owner, "ployment"));
        Assert.Equal([deployment], await FoundAsync(room.Owner, "DEPLOYMENT"));
    }

    [Fact]
    public async Task Partial_words_are_found_in_Korean_and_Japanese()
    {
        var room = await Room.CreateAsync(host, 1);
        var korean = await IdOfAsync(room, room.Owner, "안녕하세요 여러분, 회의는 내일입니다");
        var japanese = await IdOfAsync(room, room.Owner, "東京タワーに行きました");

        Assert.Equal([korean], await FoundAsync(room.Owner, "하세요"));
        Assert.Equal([korean], await FoundAsync(room.Owner, "회의"));
        Assert.Equal([japanese], await FoundAsync(room.Owner, "タワー"));
        Assert.Equal([japanese], await FoundAsync(room.Owner, "東京"));
    }

    [Fact]
    public async Task Accents_and_case_are_ignored_both_ways()
    {
        var room = await Room.CreateAsync(host, 1);
        var accented = await IdOfAsync(room, room.Owner, "Crème brûlée at the CAFÉ");
        var plain = await IdOfAsync(room, room.Owner, "creme brulee at the cafe");

        Assert.Equal([plain, accented], await FoundAsync(room.Owner, "brulee cafe"));
        Assert.Equal([plain, accented], await FoundAsync(room.Owner, "crème"));
    }

    [Fact]
    public async Task A_quoted_phrase_finds_only_its_words_in_order()
    {
        var room = await Room.CreateAsync(host, 1);
        var phrase = await IdOfAsync(room, room.Owner, "please review the pull request");
        await room.PostAsync(room.Owner, "request to pull the review");

        Assert.Equal([phrase], await FoundAsync(room.Owner, "\"pull request\""));
    }

    [Fact]
    public async Task From_and_in_narrow_to_an_author_and_to_a_conversation_by_name_or_id()
    {
        var room = await Room.CreateAsync(host, 1, name: "Launch Planning");
        var (member, _) = room.Members[0];
        var byOwner = await IdOfAsync(room, room.Owner, "budget draft");
        var byMember = await IdOfAsync(room, member, "budget final");
        var other = await room.Owner.DataAsync(Schema.Operations.CreateConvo, new { name = "random", members = Array.Empty<string>() });
        var otherId = other.GetProperty("createConvo").GetProperty("id").GetString();
        var elsewhere = (await room.Owner.DataAsync(Room.Post, new { c = otherId, text = "budget elsewhere" })).GetProperty("createMessage").GetProperty("id").GetString()!;

        Assert.Equal([elsewhere, byMember, byOwner], await FoundAsync(room.Owner, "budget"));
        Assert.Equal([byMember], await FoundAsync(room.Owner, $"budget from:{member.Name}"));
        Assert.Equal([byMember], await FoundAsync(room.Owner, $"budget from:@{member.Name.ToUpperInvariant()}"));
        Assert.Equal([byMember, byOwner], await FoundAsync(room.Owner, "budget in:\"launch planning\""));
        Assert.Equal([elsewhere], await FoundAsync(room.Owner, $"budget in:{otherId}"));
        Assert.Equal([byMember, byOwner], await FoundAsync(room.Owner, "budget", conversationId: room.Id));
        Assert.Empty(await FoundAsync(room.Owner, "budget from:nobody-by-this-name"));
    }

    [Fact]
    public async Task A_removed_member_finds_nothing_from_before_or_after_the_removal()
    {
        var room = await Room.CreateAsync(host, 1);
        var (member, memberId) = room.Members[0];
        await room.PostAsync(member, "quarterly forecast before");
        Assert.Single(await FoundAsync(member, "forecast"));

        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = memberId });
        await room.PostAsync(room.Owner, "quarterly forecast after");

        Assert.Empty(await FoundAsync(member, "forecast"));
        Assert.Equal("FORBIDDEN", await member.ErrorCodeAsync(SearchQuery, new { q = "forecast", c = room.Id }));
        Assert.Equal(2, (await FoundAsync(room.Owner, "forecast")).Count);
    }

    [Fact]
    public async Task Someone_outside_a_conversation_never_finds_its_messages()
    {
        var room = await Room.CreateAsync(host, 1);
        await room.PostAsync(room.Owner, "confidential merger plans");
        var (outsider, _) = await ChatUser.SignInAsync(host, "outsider");

        Assert.Empty(await FoundAsync(outsider, "merger"));
        Assert.Equal("FORBIDDEN", await outsider.ErrorCodeAsync(SearchQuery, new { q = "merger", c = room.Id }));
    }

    [Fact]
    public async Task A_deleted_message_is_not_found_and_an_edit_is_found_only_by_its_new_text()
    {
        var room = await Room.CreateAsync(host, 1);
        var deleted = await room.PostAsync(room.Owner, "password is hunter2");
        var edited = await room.PostAsync(room.Owner, "standup at nine");
        await room.Owner.DataAsync(Room.Delete, new { id = deleted.GetProperty("id").GetString() });
        await room.Owner.DataAsync(Room.Update, new { id = edited.GetProperty("id").GetString(), text = "standup at ten", rev = edited.GetProperty("rev").GetInt32() });

        Assert.Empty(await FoundAsync(room.Owner, "hunter2"));
        Assert.Empty(await FoundAsync(room.Owner, "nine"));
        Assert.Equal([edited.GetProperty("id").GetString()!], await FoundAsync(room.Owner, "standup ten"));
    }

    [Fact]
    public async Task The_snippet_is_escaped_html_with_marks_around_the_matches()
    {
        var room = await Room.CreateAsync(host, 1);
        await room.PostAsync(room.Owner, "<script>alert('deploy')</script> & <b>ship</b> it");

        var hit = (await SearchAsync(room.Owner, "deploy ship")).GetProperty("items")[0];

        Assert.Equal("&lt;script&gt;alert(&#39;<mark>deploy</mark>&#39;)&lt;/script&gt; &amp; &lt;b&gt;<mark>ship</mark>&lt;/b&gt; it", hit.GetProperty("snippet").GetString());
        Assert.Equal("<script>alert('deploy')</script> & <b>ship</b> it", hit.GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Pages_continue_with_nextToken_without_gaps_or_repeats()
    {
        var room = await Room.CreateAsync(host, 1);
        var posted = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            posted.Add(await IdOfAsync(room, room.Owner, $"weekly report {i}"));
        }

        var first = await SearchAsync(room.Owner, "report", limit: 2);
        var second = await SearchAsync(room.Owner, "report", limit: 2, token: first.GetProperty("nextToken").GetString());
        var third = await SearchAsync(room.Owner, "report", limit: 2, token: second.GetProperty("nextToken").GetString());

        var seen = new[] { first, second, third }.SelectMany(Ids).ToList();
        Assert.Equal(posted.AsEnumerable().Reverse(), seen);
        Assert.Equal(JsonValueKind.Null, third.GetProperty("nextToken").ValueKind);
    }

    [Theory]
    [InlineData("?!... ,,; --")]
    [InlineData("\"\"")]
    [InlineData("from:someone")]
    public async Task A_query_without_words_is_BAD_USER_INPUT(string query)
    {
        var (user, _) = await ChatUser.SignInAsync(host, "bad");

        Assert.Equal("BAD_USER_INPUT", await user.ErrorCodeAsync(SearchQuery, new { q = query }));
    }

    [Fact]
    public async Task A_query_of_ten_thousand_characters_a_bad_limit_or_a_foreign_token_is_BAD_USER_INPUT()
    {
        var room = await Room.CreateAsync(host, 1);
        for (var i = 0; i < 3; i++)
        {
            await room.PostAsync(room.Owner, $"alpha {i}");
        }

        var token = (await SearchAsync(room.Owner, "alpha", limit: 1)).GetProperty("nextToken").GetString();

        Assert.Equal("BAD_USER_INPUT", await room.Owner.ErrorCodeAsync(SearchQuery, new { q = new string('a', 10_000) }));
        Assert.Equal("BAD_USER_INPUT", await room.Owner.ErrorCodeAsync(SearchQuery, new { q = "alpha", limit = 0 }));
        Assert.Equal("BAD_USER_INPUT", await room.Owner.ErrorCodeAsync(SearchQuery, new { q = "beta", t = token }));
        Assert.Equal("BAD_USER_INPUT", await room.Members[0].User.ErrorCodeAsync(SearchQuery, new { q = "alpha", t = token }));
    }

    [Fact]
    public async Task The_message_filter_narrows_the_hits()
    {
        var room = await Room.CreateAsync(host, 1);
        var (member, memberId) = room.Members[0];
        await room.PostAsync(room.Owner, "lunch plans");
        var byMember = await IdOfAsync(room, member, "lunch later");

        Assert.Equal([byMember], Ids(await SearchAsync(room.Owner, "lunch", filter: new { authorId = new { eq = memberId } })));
    }

    private static async Task<string> IdOfAsync(Room room, ChatUser author, string text) =>
        (await room.PostAsync(author, text)).GetProperty("id").GetString()!;

    private static async Task<JsonElement> SearchAsync(ChatUser user, string query, string? conversationId = null, int? limit = null, string? token = null, object? filter = null) =>
        (await user.DataAsync(SearchQuery, new { q = query, c = conversationId, limit, t = token, filter })).GetProperty("searchMessages");

    private static async Task<IReadOnlyList<string>> FoundAsync(ChatUser user, string query, string? conversationId = null) =>
        Ids(await SearchAsync(user, query, conversationId)).ToArray();

    private static IEnumerable<string> Ids(JsonElement connection) =>
        connection.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("message").GetProperty("id").GetString()!);
}
