using System.Reflection;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Chatt.ChatApi.GraphQL.Execution;
using GraphQL.Transport;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace Chatt.ChatApi.Tests.Limits;

/// <summary>
/// Every operation the web client sends (src/Web/src/api/operations.ts, with the largest page it asks for) and every
/// operation of the original AppSync client (<see cref="Schema.Operations"/>) costs less than the default budget.
/// The host's budget is 1, so every operation is refused before it runs and the refusal reports its cost.
/// </summary>
public sealed partial class ClientOperationsCostTests(ClientOperationsCostTests.Host host, ITestOutputHelper output)
    : IClassFixture<ClientOperationsCostTests.Host>
{
    /// <summary>The web client's largest page (engine.ts' catch-up page); every $limit is sent with it.</summary>
    private const int LargestClientPage = 200;

    public sealed class Host : ChatApiHost
    {
        protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?> { ["GraphQL:MaxComplexity"] = "1" };
    }

    public static TheoryData<string> WebClientOperations() => [.. WebClientDocuments().Keys];

    public static TheoryData<string> AppSyncOperations() =>
        [.. typeof(Schema.Operations).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(WebClientOperations))]
    public async Task Each_web_client_operation_costs_less_than_the_default_budget(string operation) =>
        await AssertWithinDefaultBudgetAsync(operation, WebClientDocuments()[operation]);

    [Theory]
    [MemberData(nameof(AppSyncOperations))]
    public async Task Each_AppSync_client_operation_costs_less_than_the_default_budget(string operation) =>
        await AssertWithinDefaultBudgetAsync(operation, (string)typeof(Schema.Operations).GetField(operation)!.GetValue(null)!);

    [Fact]
    public void The_web_client_operations_are_found()
    {
        var found = WebClientDocuments();

        Assert.Contains("ConvoMessages", found.Keys);
        Assert.Contains("Inbox", found.Keys);
        Assert.True(found.Count >= 10, string.Join(", ", found.Keys));
    }

    private async Task AssertWithinDefaultBudgetAsync(string name, string document)
    {
        var runner = host.Services.GetRequiredService<GraphQLRunner>();
        var request = new GraphQLRequest { Query = document, Variables = new global::GraphQL.Inputs(SampleVariables(document)) };
        await using var scope = host.Services.CreateAsyncScope();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "cost-probe")], "test"));

        var result = await runner.ExecuteAsync(runner.Prepare(request), user, scope.ServiceProvider, "test", TestContext.Current.CancellationToken);

        var error = Assert.Single(result.Errors ?? []);
        Assert.Equal("COMPLEXITY", error.Code);
        var cost = Convert.ToInt64(error.Extensions!["cost"], System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"{name}: cost {cost} (budget {new GraphQLOptions().MaxComplexity})");
        Assert.InRange(cost, 1, new GraphQLOptions().MaxComplexity);
    }

    /// <summary>A value of the right type for every variable: the largest client page for <c>$limit</c>, placeholders otherwise.</summary>
    private static Dictionary<string, object?> SampleVariables(string document)
    {
        var variables = new Dictionary<string, object?>();
        foreach (var operation in Parser.Parse(document).Definitions.OfType<GraphQLOperationDefinition>())
        {
            foreach (var variable in operation.Variables?.Items ?? [])
            {
                var name = variable.Variable.Name.StringValue;
                variables[name] = name == "limit" ? LargestClientPage : Sample(variable.Type);
            }
        }

        return variables;
    }

    private static object? Sample(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => Sample(nonNull.Type),
        GraphQLListType list => new List<object?> { Sample(list.Type) },
        GraphQLNamedType { Name.StringValue: "Int" } => 1,
        GraphQLNamedType { Name.StringValue: "Boolean" } => true,
        GraphQLNamedType { Name.StringValue: "ModelSortDirection" } => "ASC",
        _ => "sample",
    };

    /// <summary>Each operation of operations.ts with the fragments it spreads (transitively), by operation name.</summary>
    private static Dictionary<string, string> WebClientDocuments()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Web", "src", "api", "operations.ts"));
        var blocks = GraphQLBlock().Matches(source).Select(m => m.Groups[1].Value).ToList();
        var fragments = blocks.Where(b => b.TrimStart().StartsWith("fragment ", StringComparison.Ordinal))
            .ToDictionary(b => FragmentName().Match(b).Groups[1].Value);
        var documents = new Dictionary<string, string>();
        foreach (var block in blocks.Where(b => !b.TrimStart().StartsWith("fragment ", StringComparison.Ordinal)))
        {
            var used = new List<string>();
            var pending = new Queue<string>([block]);
            while (pending.TryDequeue(out var text))
            {
                foreach (Match spread in Spread().Matches(text))
                {
                    var fragment = spread.Groups[1].Value;
                    if (!used.Contains(fragment))
                    {
                        used.Add(fragment);
                        pending.Enqueue(fragments[fragment]);
                    }
                }
            }

            documents[OperationName().Match(block).Groups[1].Value] = string.Join("\n", [block, .. used.Select(f => fragments[f])]);
        }

        return documents;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Chatt.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Chatt.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"graphql\(`([^`]*)`\)")]
    private static partial Regex GraphQLBlock();

    [GeneratedRegex(@"fragment\s+(\w+)")]
    private static partial Regex FragmentName();

    [GeneratedRegex(@"(?:query|mutation|subscription)\s+(\w+)")]
    private static partial Regex OperationName();

    [GeneratedRegex(@"\.\.\.\s*(\w+)")]
    private static partial Regex Spread();
}
