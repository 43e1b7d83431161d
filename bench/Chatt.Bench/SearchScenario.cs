using System.Diagnostics;
using System.Globalization;
using System.Text;
using Chatt.Bench.Measure;
using Microsoft.Data.Sqlite;

namespace Chatt.Bench;

/// <summary>
/// Search at scale (<c>bench/search.sh</c>): seeds the running server's SQLite file directly — N messages over C
/// conversations in one bulk transaction, through the real schema, so the FTS5 triggers index every row as a post
/// would — then measures <c>searchMessages</c> over HTTP as a caller who is a member of M of them. The users are
/// provisioned through the API (so usernames and their keys are the server's); conversations, links and messages
/// are inserted as the store writes them. Queries mix whole words, prefixes, partial words, a phrase, Korean and
/// Japanese partial words and from:, each a page of 20 newest first.
/// </summary>
internal static class SearchScenario
{
    private const string Search = """
        query($q: String!) { searchMessages(query: $q, limit: 20) { items { snippet message { id messageConversationId createdAt } } nextToken } }
        """;

    private const int Authors = 20;
    private const int AuthorsPerConversation = 5;

    public static bool Requested(string[] args) => args.Contains("--search");

    public static async Task RunAsync(BenchApi api, string[] args)
    {
        int Get(string name, int fallback)
        {
            var index = Array.IndexOf(args, "--" + name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var database = Environment.GetEnvironmentVariable("CHATT_BENCH_DB")
            ?? throw new ArgumentException("CHATT_BENCH_DB must name the server's SQLite file (bench/run.sh sets it).");
        var messages = Get("search-messages", 1_000_000);
        var conversations = Get("search-conversations", 1_000);
        var memberOf = Get("search-member-of", 50);
        var queries = Get("search-queries", 600);

        var run = Guid.NewGuid().ToString("N")[..6];
        var authorIds = new List<string>();
        var authorNames = new List<string>();
        for (var i = 0; i < Authors; i++)
        {
            var name = $"author{run}x{(char)('a' + i)}";
            authorNames.Add(name);
            authorIds.Add(await MeAsync(api, name));
        }

        var searcher = api.Tokens.For("bench-searcher" + run, "searcher" + run);
        var searcherId = (await api.GraphQLAsync(searcher, "{ me { id } }")).GetProperty("me").GetProperty("id").GetString()!;

        var vocabulary = new Vocabulary(new Random(42));
        var seeding = Stopwatch.StartNew();
        await SeedAsync(database, vocabulary, messages, conversations, memberOf, authorIds, searcherId);
        var seedSeconds = seeding.Elapsed.TotalSeconds;

        var random = new Random(7);
        var kinds = new (string Kind, Func<string> Query)[]
        {
            ("word", () => vocabulary.Word(random, 50, 2000)),
            ("common word", () => vocabulary.Word(random, 0, 10)),
            ("rare word", () => vocabulary.Word(random, 2500, vocabulary.Count)),
            ("prefix (4 chars)", () => vocabulary.Word(random, 20, 2000)[..4]),
            ("partial (inside a word)", () => vocabulary.Word(random, 20, 2000) is var w && w.Length >= 6 ? w[1..5] : w),
            ("2-char prefix", () => vocabulary.Word(random, 20, 2000)[..2]),
            ("two words", () => vocabulary.Word(random, 10, 500) + " " + vocabulary.Word(random, 10, 500)),
            ("phrase", () => "\"" + vocabulary.Word(random, 0, 30) + " " + vocabulary.Word(random, 0, 30) + "\""),
            ("Korean partial", () => Vocabulary.KoreanPartial(random)),
            ("Japanese partial", () => Vocabulary.JapanesePartial(random)),
            ("word from:author", () => vocabulary.Word(random, 50, 2000) + " from:" + authorNames[random.Next(Authors)]),
        };

        for (var i = 0; i < 60; i++)
        {
            await api.GraphQLAsync(searcher, Search, new { q = kinds[i % kinds.Length].Query() });
        }

        var cpuBefore = ServerCpuSeconds();
        var wall = Stopwatch.StartNew();
        var latencies = kinds.ToDictionary(k => k.Kind, _ => new List<double>());
        var hits = kinds.ToDictionary(k => k.Kind, _ => 0L);
        for (var i = 0; i < queries; i++)
        {
            var (kind, query) = kinds[i % kinds.Length];
            var text = query();
            var started = Clock.NowMs();
            var data = await api.GraphQLAsync(searcher, Search, new { q = text });
            latencies[kind].Add(Clock.NowMs() - started);
            hits[kind] += data.GetProperty("searchMessages").GetProperty("items").GetArrayLength();
        }

        var cpuPerSearch = (ServerCpuSeconds() - cpuBefore) * 1000 / queries;
        var wallSeconds = wall.Elapsed.TotalSeconds;
        var all = latencies.Values.SelectMany(l => l).Order().ToArray();
        Console.WriteLine($"## Search: {messages:N0} messages in {conversations:N0} conversations, the caller a member of {memberOf} (SQLite FTS5)");
        Console.WriteLine();
        Console.WriteLine($"Seeded in {seedSeconds:F0} s (one transaction, FTS5 triggers indexing every row); database file {new FileInfo(database).Length / 1_048_576.0:F0} MiB.");
        Console.WriteLine($"{queries} searches over HTTP, one at a time, 20 hits per page, after 60 warm-up searches.");
        Console.WriteLine();
        Console.WriteLine("| query kind | searches | hits per page (mean) | p50 / p95 / p99 / max (ms) |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (kind, _) in kinds)
        {
            var sorted = latencies[kind].Order().ToArray();
            Console.WriteLine($"| {kind} | {sorted.Length} | {hits[kind] / (double)Math.Max(1, sorted.Length):F1} | {P(sorted, 0.50):F1} / {P(sorted, 0.95):F1} / {P(sorted, 0.99):F1} / {sorted.LastOrDefault():F1} |");
        }

        Console.WriteLine($"| **all** ({queries / wallSeconds:F0} searches/s; server CPU {(cpuPerSearch is { } cpu ? cpu.ToString("F1", CultureInfo.InvariantCulture) + " ms" : "n/a")} per search) | {all.Length} | {hits.Values.Sum() / (double)Math.Max(1, all.Length):F1} | **{P(all, 0.50):F1} / {P(all, 0.95):F1} / {P(all, 0.99):F1} / {all.LastOrDefault():F1}** |");
        Console.WriteLine();
    }

    /// <summary>The server's user + system CPU time (bench/run.sh passes its pid), which load on a shared machine inflates far less than latency.</summary>
    private static double? ServerCpuSeconds()
    {
        if (Environment.GetEnvironmentVariable("CHATT_BENCH_SERVER_PID") is not { } pid || !File.Exists($"/proc/{pid}/stat"))
        {
            return null;
        }

        // Fields after the parenthesised command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static async Task<string> MeAsync(BenchApi api, string name) =>
        (await api.GraphQLAsync(api.Tokens.For("bench-" + name, name), "{ me { id } }")).GetProperty("me").GetProperty("id").GetString()!;

    private static async Task SeedAsync(string database, Vocabulary vocabulary, int messageCount, int conversationCount, int memberOf,
        List<string> authorIds, string searcherId)
    {
        var random = new Random(1);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA busy_timeout = 30000;");
        await using var transaction = connection.BeginTransaction(deferred: false);

        var conversationIds = Enumerable.Range(0, conversationCount).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        var members = new string[conversationCount][];
        var created = Text(start);
        for (var c = 0; c < conversationCount; c++)
        {
            members[c] = Enumerable.Range(0, AuthorsPerConversation).Select(k => authorIds[(c + k * 7) % authorIds.Count]).Distinct().ToArray();
            await ExecuteAsync(connection,
                "INSERT INTO conversations (id, name, created_by, created_at, updated_at, last_seq, last_activity_at, last_rev, rev) " +
                "VALUES (@id, @name, @by, @t, @t, 0, @t, 1, 1)", transaction, ("@id", conversationIds[c]), ("@name", $"room {c}"), ("@by", members[c][0]), ("@t", created));
            var users = members[c].AsEnumerable();
            // The caller is in every (conversations / memberOf)-th conversation: spread over the whole range.
            if (c % (conversationCount / memberOf) == 0 && c / (conversationCount / memberOf) < memberOf)
            {
                users = users.Append(searcherId);
            }

            foreach (var user in users)
            {
                await ExecuteAsync(connection,
                    "INSERT INTO convo_links (id, user_id, conversation_id, created_at, updated_at, role, removed_at, rev) VALUES (@id, @u, @c, @t, @t, @role, NULL, 1)",
                    transaction, ("@id", Guid.NewGuid().ToString("N")), ("@u", user), ("@c", conversationIds[c]), ("@t", created),
                    ("@role", user == members[c][0] ? "OWNER" : "MEMBER"));
            }
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO messages (id, conversation_id, author_id, content, seq, created_at, updated_at, rev) VALUES (@id, @c, @a, @content, @seq, @t, @t, @rev)";
        var pId = insert.Parameters.Add("@id", SqliteType.Text);
        var pConversation = insert.Parameters.Add("@c", SqliteType.Text);
        var pAuthor = insert.Parameters.Add("@a", SqliteType.Text);
        var pContent = insert.Parameters.Add("@content", SqliteType.Text);
        var pSeq = insert.Parameters.Add("@seq", SqliteType.Integer);
        var pTime = insert.Parameters.Add("@t", SqliteType.Text);
        var pRev = insert.Parameters.Add("@rev", SqliteType.Integer);
        insert.Prepare();
        var seqs = new long[conversationCount];
        for (var m = 0; m < messageCount; m++)
        {
            var c = random.Next(conversationCount);
            var seq = ++seqs[c];
            pId.Value = Guid.CreateVersion7(start.AddMilliseconds(m * 50L)).ToString("N");
            pConversation.Value = conversationIds[c];
            pAuthor.Value = members[c][random.Next(members[c].Length)];
            pContent.Value = vocabulary.Message(random);
            pSeq.Value = seq;
            pTime.Value = Text(start.AddMilliseconds(m * 50L));
            pRev.Value = seq + 1;
            await insert.ExecuteNonQueryAsync();
        }

        var last = Text(start.AddMilliseconds(messageCount * 50L));
        for (var c = 0; c < conversationCount; c++)
        {
            await ExecuteAsync(connection, "UPDATE conversations SET last_seq = @s, last_rev = @s + 1, last_activity_at = @t, updated_at = @t WHERE id = @id", transaction,
                ("@s", seqs[c]), ("@t", last), ("@id", conversationIds[c]));
        }

        await transaction.CommitAsync();
        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static double P(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    /// <summary>
    /// Synthetic text with a skewed word frequency (a few words in many messages, most in few), plus some messages in
    /// Korean (words with particles, spaces between) and Japanese (no spaces).
    /// </summary>
    private sealed class Vocabulary
    {
        private static readonly string[] Syllables = ["de", "plo", "ra", "min", "ta", "ko", "vel", "sun", "ar", "li", "mo", "qua", "ter", "no", "fi", "gan", "bel", "cro", "us", "pen", "dra", "si", "ox", "lum"];
        private static readonly string[] Korean = ["안녕하세요", "회의", "내일", "프로젝트", "배포", "일정", "확인", "부탁드립니다", "감사합니다", "오늘", "서버", "데이터베이스"];
        private static readonly string[] KoreanParticles = ["는", "를", "이", "가", "에서", "으로", ""];
        private static readonly string[] Japanese = ["東京", "タワー", "会議", "明日", "プロジェクト", "サーバー", "確認", "お願いします", "ありがとう", "データベース", "今日"];
        private static readonly string[] JapaneseParticles = ["に", "を", "は", "が", "で", "の"];
        private readonly string[] words;

        public Vocabulary(Random random)
        {
            var set = new HashSet<string>();
            while (set.Count < 3000)
            {
                var length = random.Next(2, 5);
                set.Add(string.Concat(Enumerable.Range(0, length).Select(_ => Syllables[random.Next(Syllables.Length)])));
            }

            words = [.. set];
        }

        public int Count => words.Length;

        public string Word(Random random, int from, int to) => words[random.Next(from, Math.Min(to, words.Length))];

        public string Message(Random random)
        {
            var roll = random.Next(100);
            var length = random.Next(4, 16);
            var text = new StringBuilder();
            for (var i = 0; i < length; i++)
            {
                if (roll < 5)
                {
                    text.Append(Korean[random.Next(Korean.Length)]).Append(KoreanParticles[random.Next(KoreanParticles.Length)]).Append(' ');
                }
                else if (roll < 8)
                {
                    text.Append(Japanese[random.Next(Japanese.Length)]).Append(JapaneseParticles[random.Next(JapaneseParticles.Length)]);
                }
                else
                {
                    // Zipf-like: the cube of a uniform number crowds the picks towards the first words.
                    text.Append(words[(int)(words.Length * Math.Pow(random.NextDouble(), 3))]).Append(' ');
                }
            }

            return text.ToString().TrimEnd();
        }

        public static string KoreanPartial(Random random) => random.Next(3) switch
        {
            0 => "하세요",
            1 => "로젝트",
            _ => "이터베",
        };

        public static string JapanesePartial(Random random) => random.Next(3) switch
        {
            0 => "ロジェク",
            1 => "ーバー",
            _ => "願いしま",
        };
    }
}
