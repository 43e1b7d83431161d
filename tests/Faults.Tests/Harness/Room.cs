namespace Chatt.Faults.Tests.Harness;

/// <summary>People signed in (provisioned) on a <see cref="ProcessCluster"/> with minted tokens, and one conversation of theirs.</summary>
internal sealed class Room
{
    public const string CreateConvo = "mutation($name: String!, $members: [String!]!) { createConvo(input: { name: $name, members: $members }) { id } }";

    private readonly Dictionary<string, string> _tokens;

    private Room(string conversationId, Dictionary<string, string> tokens)
    {
        ConversationId = conversationId;
        _tokens = tokens;
    }

    public string ConversationId { get; }

    /// <summary>Signs in <paramref name="people"/> through instance A; the first creates the conversation with the others.</summary>
    public static async Task<Room> CreateAsync(ProcessCluster cluster, params string[] people)
    {
        var tokens = people.ToDictionary(p => p, p => cluster.Tokens.For("sub-" + p, p), StringComparer.Ordinal);
        foreach (var token in tokens.Values)
        {
            await ChatEndpoint.Direct(cluster.A, token).DataAsync("{ me { id } }");
        }

        var created = await ChatEndpoint.Direct(cluster.A, tokens[people[0]]).DataAsync(CreateConvo, new { name = "faults", members = people[1..] });
        return new Room(created.GetProperty("createConvo").GetProperty("id").GetString()!, tokens);
    }

    /// <summary><paramref name="person"/>'s ways in, tried in this order.</summary>
    public IReadOnlyList<ChatEndpoint> Endpoints(string person, params ChatApiProcess[] order) =>
        [.. order.Select(instance => ChatEndpoint.Direct(instance, _tokens[person]))];

    /// <summary>A client of <paramref name="person"/> that starts on <paramref name="order"/>[0].</summary>
    public StreamClient Client(string person, params ChatApiProcess[] order) =>
        new($"{person}@{order[0].Name}", ConversationId, Endpoints(person, order));

    /// <summary>A poster that starts on <paramref name="order"/>[0], one post per <paramref name="interval"/>.</summary>
    public Poster Poster(string person, TimeSpan interval, params ChatApiProcess[] order) =>
        new(person, ConversationId, Endpoints(person, order), interval);
}
