using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Chatt.ChatApi.GraphQL.Execution;

namespace Chatt.ChatApi.Tests.Transport;

public sealed class GraphQLHttpTransportTests(TransportHost host) : IClassFixture<TransportHost>
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Token => host.Tokens.For("http-user");

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_401_and_UNAUTHENTICATED()
    {
        using var response = await PostAsync("""{"query":"{ __typename }"}""", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", (await ErrorsOf(response))[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_request_with_a_forged_token_is_refused_with_401()
    {
        using var response = await PostAsync("""{"query":"{ __typename }"}""", token: host.Tokens.Forged("mallory"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_query_over_POST_answers_in_graphql_response_json_when_accepted()
    {
        using var response = await PostAsync("""{"query":"{ __typename }"}""", accept: GraphQLResponse);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLResponse, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Query", (await BodyOf(response)).GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task A_query_over_GET_runs_with_url_encoded_variables()
    {
        using var client = host.CreateClient(Token);
        var query = Uri.EscapeDataString("query($v: Boolean!) { __typename @include(if: $v) }");
        var variables = Uri.EscapeDataString("""{"v":true}""");

        using var response = await client.GetAsync($"graphql?query={query}&variables={variables}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Query", (await BodyOf(response)).GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task A_mutation_over_GET_is_refused_with_405_allowing_POST()
    {
        using var client = host.CreateClient(Token);

        using var response = await client.GetAsync("graphql?query=" + Uri.EscapeDataString("mutation { __typename }"), Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_method_other_than_GET_or_POST_gets_405()
    {
        using var client = host.CreateClient(Token);

        using var response = await client.PutAsync("graphql", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task An_Accept_header_allowing_neither_JSON_media_type_gets_406()
    {
        using var response = await PostAsync("""{"query":"{ __typename }"}""", accept: "text/html");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task A_POST_body_that_is_not_application_json_gets_415()
    {
        using var response = await PostAsync("query { __typename }", contentType: "application/graphql");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_gets_413()
    {
        var padding = new string(' ', 1_048_576);

        using var response = await PostAsync("{\"query\":\"{ __typename }\"" + padding + "}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_body_just_under_one_megabyte_is_accepted()
    {
        var padding = new string(' ', 1_048_576 - 40);

        using var response = await PostAsync("{\"query\":\"{ __typename }\"" + padding + "}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"query\":")]
    [InlineData("{\"query\":7}")]
    [InlineData("{\"variables\":{}}")]
    [InlineData("{\"query\":\"{ __typename }\",\"variables\":\"x\"}")]
    [InlineData("{\"query\":\"{ __typename }\",\"operationName\":1}")]
    public async Task A_malformed_request_gets_400(string body)
    {
        using var response = await PostAsync(body, accept: "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await BodyOf(response)).TryGetProperty("data", out _));
    }

    [Fact]
    public async Task A_document_that_does_not_parse_gets_400_under_graphql_response_json_and_200_under_application_json()
    {
        using var strict = await PostAsync("""{"query":"{"}""", accept: GraphQLResponse);
        using var legacy = await PostAsync("""{"query":"{"}""", accept: "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        Assert.NotEmpty(await ErrorsOf(legacy));
    }

    [Fact]
    public async Task A_batch_runs_every_operation_and_answers_an_array_in_order()
    {
        using var response = await PostAsync("""[{"query":"{ __typename }"},{"query":"mutation { __typename }"}]""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await BodyOf(response)).EnumerateArray().Select(r => r.GetProperty("data").GetProperty("__typename").GetString()).ToArray();
        Assert.Equal(["Query", "Mutation"], results);
    }

    [Fact]
    public async Task A_batch_over_ten_operations_gets_400()
    {
        var batch = "[" + string.Join(",", Enumerable.Repeat("""{"query":"{ __typename }"}""", 11)) + "]";

        using var response = await PostAsync(batch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unexpected_exception_is_returned_as_INTERNAL_SERVER_ERROR_without_its_details()
    {
        var body = await host.PostGraphQLAsync("{ boom: " + host.AnyRootQueryField() + " }", token: Token, cancellationToken: Ct);

        var error = body.GetProperty("errors")[0];
        Assert.Equal("INTERNAL_SERVER_ERROR", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("Trace id", error.GetProperty("message").GetString());
        Assert.DoesNotContain(TransportHost.SecretDetail, body.GetRawText());
        Assert.DoesNotContain("InvalidOperationException", body.GetRawText());
        Assert.DoesNotContain(" at ", error.GetRawText());
    }

    [Fact]
    public async Task A_ChatException_is_returned_with_its_code_and_message()
    {
        var body = await host.PostGraphQLAsync("{ refused: " + host.AnyRootQueryField() + " }", token: Token, cancellationToken: Ct);

        var error = body.GetProperty("errors")[0];
        Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("You may not do that.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_query_deeper_than_12_is_rejected_before_execution_with_COMPLEXITY()
    {
        // __type → fields → type, then ofType until the selection is 13 deep (one list level keeps the complexity
        // low); mixed with a data field, so the introspection allowance does not apply.
        var deep = "__type(name: \"Query\") { fields { type { " + Nest("ofType", 9, "name") + " } } }";

        var body = await host.PostGraphQLAsync("{ " + host.AnyRootQueryField() + " " + deep + " }", token: Token, cancellationToken: Ct);

        Assert.False(body.TryGetProperty("data", out _));
        Assert.Equal("COMPLEXITY", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("depth", body.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_query_12_deep_is_within_the_depth_limit()
    {
        var deep = "__type(name: \"Query\") { fields { type { " + Nest("ofType", 8, "name") + " } } }";

        var body = await host.PostGraphQLAsync("{ " + host.AnyRootQueryField() + " " + deep + " }", token: Token, cancellationToken: Ct);

        Assert.True(body.TryGetProperty("data", out var data) && data.TryGetProperty("__type", out _), body.GetRawText());
    }

    [Fact]
    public async Task A_query_over_the_complexity_budget_is_rejected_with_COMPLEXITY()
    {
        // Each list level multiplies its children by 5: 5^4 fields is far over the test budget of 300.
        var wide = "__schema { types { fields { args { type { fields { name } } } } } }";

        var body = await host.PostGraphQLAsync("{ " + host.AnyRootQueryField() + " " + wide + " }", token: Token, cancellationToken: Ct);

        Assert.False(body.TryGetProperty("data", out _));
        Assert.Equal("COMPLEXITY", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("complex", body.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_standard_introspection_query_is_exempt_from_the_complexity_budget()
    {
        var body = await host.PostGraphQLAsync(IntrospectionQuery, token: Token, cancellationToken: Ct);

        Assert.False(body.TryGetProperty("errors", out _), body.GetRawText());
        Assert.Equal("Query", body.GetProperty("data").GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_cyclic_introspection_query_beyond_the_introspection_depth_is_still_rejected()
    {
        var cyclic = "{ __schema { types { " + Nest("fields { type {", 7, "name", "} }") + " } } }";

        var body = await host.PostGraphQLAsync(cyclic, token: Token, cancellationToken: Ct);

        Assert.Equal("COMPLEXITY", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_repeated_document_is_parsed_once_and_served_from_the_cache()
    {
        var cache = (DocumentCache)host.Services.GetService(typeof(DocumentCache))!;
        var query = "{ cached_" + Guid.NewGuid().ToString("N") + ": __typename }";
        var before = cache.Count;

        var first = await host.PostGraphQLAsync(query, token: Token, cancellationToken: Ct);
        var afterFirst = cache.Count;
        var second = await host.PostGraphQLAsync(query, token: Token, cancellationToken: Ct);

        Assert.Equal(before + 1, afterFirst);
        Assert.Equal(afterFirst, cache.Count);
        Assert.Equal(first.GetRawText(), second.GetRawText());
    }

    [Fact]
    public async Task A_document_that_fails_validation_is_not_cached()
    {
        var cache = (DocumentCache)host.Services.GetService(typeof(DocumentCache))!;
        var before = cache.Count;

        var body = await host.PostGraphQLAsync("{ noSuchField_" + Guid.NewGuid().ToString("N") + " }", token: Token, cancellationToken: Ct);

        Assert.NotEmpty(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(before, cache.Count);
    }

    private static string Nest(string field, int depth, string leaf, string? close = null)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            builder.Append(field).Append(close is null ? " { " : " ");
        }

        builder.Append(leaf);
        for (var i = 0; i < depth; i++)
        {
            builder.Append(' ').Append(close ?? "}");
        }

        return builder.ToString();
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? token = "", string contentType = "application/json", string? accept = null)
    {
        using var client = host.CreateClient(token == "" ? Token : token);
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> BodyOf(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return document.RootElement.Clone();
    }

    private static async Task<JsonElement[]> ErrorsOf(HttpResponseMessage response) =>
        [.. (await BodyOf(response)).GetProperty("errors").EnumerateArray()];

    private const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;
}
