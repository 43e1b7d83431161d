namespace Chatt.Faults.Tests.Harness;

/// <summary>People signed in (provisioned) on a <see cref="ProcessCluster"/> with minted tokens, and one conversation of theirs.</summary>
internal sealed class Room
{
    public const string CreateConvo = "mutation($name: String!, $members: [String!]!) { createConvo(input: { name: $name, members: $members }) { id } }";

    private readonly Dictionary<string, string> _tokens;

    private readonly Dictionary<string, string> _ids;

    private Room(string conversationId, Dictionary<string, string> tokens, Dictionary<string, string> ids)
    {
        ConversationId = conversationId;
        _tokens = tokens;
        _ids = ids;
    }

    public string ConversationId { get; }

    /// <summary>Signs in <paramref name="people"/> through instance A; the first creates the conversation with the others.</summary>
    public static async Task<Room> CreateAsync(ProcessCluster cluster, params string[] people)
    {
        var tokens = people.ToDictionary(p => p, p => cluster.Tokens.For("sub-" + p, p), StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (person, token) in tokens)
        {
            ids[person] = (await ChatEndpoint.Direct(cluster.A, token).DataAsync("{ me { id } }")).GetProperty("me").GetProperty("id").GetString()!;
        }

        var created = await ChatEndpoint.Direct(cluster.A, tokens[people[0]]).DataAsync(CreateConvo, new { name = "faults", members = people[1..] });
        return new Room(created.GetProperty("createConvo").GetProperty("id").GetString()!, tokens, ids);
    }

    /// <summary>The user id of <paramref name="person"/>.</summary>
    public string IdOf(string person) => _ids[person];

    public string TokenOf(string person) => _tokens[person];

    /// <summary><paramref name="person"/>'s ways in, tried in this order.</summary>
    public IReadOnlyList<ChatEndpoint> Endpoints(string person, params ChatApiProcess[] order) =>
        [.. order.Select(instance => ChatEndpoint.Direct(instance, _tokens[person]))];

    /// <summary>A client of <paramref name="person"/> that starts on <paramref name="order"/>[0].</summary>
    public StreamClient Client(string person, params ChatApiProcess[] order) =>
        new($"{person}@{order[0].Name}", ConversationId, Endpoints(person, order));

    /// <summary>A poster that starts on <paramref name="order"/>[0], one post per <paramref name="interval"/>.</summary>
    public Poster Poster(string person, TimeSpan interval, params ChatApiProcess[] order) =>
        new(person, ConversationId, Endpoints(person, order), interval);

    /// <summary>A poster of <paramref name="contentLength"/>-character messages.</summary>
    public Poster Poster(string person, TimeSpan interval, int contentLength, params ChatApiProcess[] order) =>
        new(person, ConversationId, Endpoints(person, order), interval, contentLength);
}
