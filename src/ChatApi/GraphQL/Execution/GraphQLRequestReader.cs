using System.Text.Json;
using GraphQL;
using GraphQL.Transport;

namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>
/// Reads one GraphQL request (<c>query</c>, <c>operationName</c>, <c>variables</c>, <c>extensions</c>) from JSON,
/// checking each parameter's JSON type as the GraphQL-over-HTTP spec requires; shared by the HTTP body, the HTTP
/// query string and the WebSocket <c>subscribe</c>/<c>start</c> payloads so every transport rejects the same inputs.
/// </summary>
public sealed class GraphQLRequestReader(IGraphQLSerializer serializer)
{
    public bool TryRead(JsonElement element, out GraphQLRequest request, out string error)
    {
        request = null!;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "A GraphQL request must be a JSON object.";
            return false;
        }

        string? query = null, operationName = null;
        Inputs? variables = null, extensions = null;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "query":
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        error = "The 'query' parameter must be a string.";
                        return false;
                    }

                    query = value.GetString();
                    break;
                case "operationName":
                    if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    {
                        error = "The 'operationName' parameter must be a string or null.";
                        return false;
                    }

                    operationName = value.GetString();
                    break;
                case "variables":
                    if (!TryReadMap(value, "variables", out variables, out error))
                    {
                        return false;
                    }

                    break;
                case "extensions":
                    if (!TryReadMap(value, "extensions", out extensions, out error))
                    {
                        return false;
                    }

                    break;
            }
        }

        return TryCreate(query, operationName, variables, extensions, out request, out error);
    }

    /// <summary>Reads the GET form, where <c>variables</c> and <c>extensions</c> are JSON text in the query string.</summary>
    public bool TryRead(string? query, string? operationName, string? variablesJson, string? extensionsJson, out GraphQLRequest request, out string error)
    {
        request = null!;
        if (!TryParseMap(variablesJson, "variables", out var variables, out error)
            || !TryParseMap(extensionsJson, "extensions", out var extensions, out error))
        {
            return false;
        }

        return TryCreate(query, string.IsNullOrEmpty(operationName) ? null : operationName, variables, extensions, out request, out error);
    }

    private static bool TryCreate(string? query, string? operationName, Inputs? variables, Inputs? extensions, out GraphQLRequest request, out string error)
    {
        request = null!;
        if (string.IsNullOrWhiteSpace(query))
        {
            error = "The 'query' parameter is required.";
            return false;
        }

        request = new GraphQLRequest { Query = query, OperationName = operationName, Variables = variables, Extensions = extensions };
        error = "";
        return true;
    }

    private bool TryParseMap(string? json, string name, out Inputs? map, out string error)
    {
        map = null;
        error = "";
        if (string.IsNullOrEmpty(json))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return TryReadMap(document.RootElement, name, out map, out error);
        }
        catch (JsonException)
        {
            error = $"The '{name}' parameter is not valid JSON.";
            return false;
        }
    }

    private bool TryReadMap(JsonElement value, string name, out Inputs? map, out string error)
    {
        map = null;
        error = "";
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.Object:
                map = serializer.ReadNode<Inputs>(value);
                return true;
            default:
                error = $"The '{name}' parameter must be a JSON object or null.";
                return false;
        }
    }
}
