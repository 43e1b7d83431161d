using GraphQL;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.Visitors;
using Chatt.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chatt.EndToEnd.Tests;

/// <summary>
/// The web client's operations are typed from src/Web/schema.graphql; this keeps that file equal to the schema
/// the running ChatApi serves, so an API change breaks the build instead of the people using the client.
/// </summary>
[Collection(ChattSystemCollection.Name)]
public sealed class SchemaTests(WebClientSystem system)
{
    [Fact]
    public async Task The_committed_client_schema_matches_the_servers_schema()
    {
        var served = system.ChatApi.Services.GetRequiredService<ISchema>().Print();
        var committed = await File.ReadAllTextAsync(Path.Combine(Repository.Web, "schema.graphql"));

        var expected = Canonical(served);
        var actual = Canonical(committed);
        if (expected != actual)
        {
            var printed = Path.Combine(Repository.Artifacts("schema"), "schema.graphql");
            Directory.CreateDirectory(Path.GetDirectoryName(printed)!);
            await File.WriteAllTextAsync(printed, served);
            Assert.Fail($"src/Web/schema.graphql differs from the schema ChatApi serves. The served schema is in {printed}: " +
                        "copy it over src/Web/schema.graphql (keep the header comment), then run npm run build in src/Web.\n" +
                        $"served:\n{expected}\n\ncommitted:\n{actual}");
        }
    }

    /// <summary>Each definition printed alone, sorted: layout, comments and definition order do not count.</summary>
    private static string Canonical(string sdl)
    {
        var printer = new SDLPrinter(new SDLPrinterOptions { PrintComments = false });
        return string.Join("\n\n", Parser.Parse(sdl).Definitions
            .Select(definition => printer.Print(definition).Trim())
            .Order(StringComparer.Ordinal));
    }
}
