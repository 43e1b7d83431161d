using Chatt.ChatApi.Common;
using Chatt.ChatApi.Tests.Infrastructure;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Chatt.ChatApi.Tests.Transport;

/// <summary>
/// The API with limits small enough to reach in a test (init timeout 1 s, 3 operations per socket, at most 1 MiB
/// queued for a socket, a complexity budget of 300) and a field middleware that fails on purpose for the aliases
/// <c>boom</c> (an unexpected exception) and <c>refused</c> (a <see cref="ChatException"/>), so error mapping is
/// tested on whatever root field the schema has.
/// </summary>
public sealed class TransportHost : ChatApiHost
{
    public const string SecretDetail = "secret-internal-detail";

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["GraphQL:MaxComplexity"] = "300",
        ["GraphQL:WebSockets:ConnectionInitTimeout"] = "00:00:01",
        ["GraphQL:WebSockets:MaxOperationsPerSocket"] = "3",
        ["GraphQL:WebSockets:MaxOutboundBytes"] = "1048576",
        ["GraphQL:WebSockets:CloseTimeout"] = "00:00:10",
    };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddGraphQL(graphql => graphql.ConfigureSchema(schema => schema.FieldMiddleware.Use(next => context =>
            context.FieldAst.Alias?.Name.StringValue switch
            {
                "boom" => throw new InvalidOperationException(SecretDetail),
                "refused" => throw new ChatException(ErrorCodes.Forbidden, "You may not do that."),
                _ => next(context),
            })));

    /// <summary>Makes a brand-new user send a request, which provisions it and publishes onCreateUser; returns its username.</summary>
    public async Task<string> ProvisionNewUserAsync()
    {
        var username = "new-" + Guid.NewGuid().ToString("N")[..12];
        var body = await PostGraphQLAsync("{ me { id } }", token: Tokens.For(username), cancellationToken: TestContext.Current.CancellationToken);
        if (!body.TryGetProperty("data", out var data) || data.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            throw new InvalidOperationException("Provisioning failed: " + body.GetRawText());
        }

        return username;
    }

    /// <summary>A selection of some root query field that needs no arguments, e.g. <c>serverTime</c> or <c>me { __typename }</c>.</summary>
    public string AnyRootQueryField()
    {
        var schema = Services.GetRequiredService<ISchema>();
        schema.Initialize();
        foreach (var field in schema.Query.Fields)
        {
            if (field.Arguments?.Any(a => a.ResolvedType is NonNullGraphType) == true)
            {
                continue;
            }

            var type = field.ResolvedType!;
            while (type is IProvideResolvedType wrapper)
            {
                type = wrapper.ResolvedType!;
            }

            return type is IComplexGraphType or IAbstractGraphType ? field.Name + " { __typename }" : field.Name;
        }

        throw new InvalidOperationException("The schema has no root query field without required arguments.");
    }
}
