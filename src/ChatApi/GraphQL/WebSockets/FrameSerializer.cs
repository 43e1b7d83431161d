using System.Text.Json;
using GraphQL.Execution;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// GraphQL.NET's System.Text.Json serializer, built with the application's error info provider, exposing its
/// options so frame payloads can be written straight into a frame's <see cref="Utf8JsonWriter"/> — results and
/// errors then look exactly as they do over HTTP.
/// </summary>
public sealed class FrameSerializer(IErrorInfoProvider errorInfoProvider) : global::GraphQL.SystemTextJson.GraphQLSerializer(errorInfoProvider)
{
    public JsonSerializerOptions Options => SerializerOptions;
}
