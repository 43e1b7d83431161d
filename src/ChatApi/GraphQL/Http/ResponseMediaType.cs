using Microsoft.Net.Http.Headers;

namespace Chatt.ChatApi.GraphQL.Http;

/// <summary>Accept negotiation between the two media types GraphQL over HTTP defines.</summary>
public static class ResponseMediaType
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// The media type to answer with, or null when the client accepts neither (→ 406). No Accept header, <c>*/*</c>
    /// and <c>application/*</c> get <c>application/json</c>, as the spec asks for clients that predate it; otherwise the
    /// highest q wins and a tie prefers <c>application/graphql-response+json</c>. A range asking for a charset other
    /// than UTF-8 does not match.
    /// </summary>
    public static string? Negotiate(IList<string>? acceptHeaders)
    {
        if (acceptHeaders is null || acceptHeaders.Count == 0 || acceptHeaders.All(string.IsNullOrWhiteSpace))
        {
            return Json;
        }

        if (!MediaTypeHeaderValue.TryParseList(acceptHeaders, out var ranges))
        {
            return null;
        }

        string? best = null;
        double bestQuality = 0;
        foreach (var range in ranges)
        {
            var quality = range.Quality ?? 1.0;
            if (quality <= 0 || (range.Charset.HasValue && !IsUtf8(range.Charset.Value)))
            {
                continue;
            }

            var candidate = range.MediaType.Value?.ToLowerInvariant() switch
            {
                GraphQLResponse => GraphQLResponse,
                Json or "application/*" or "*/*" => Json,
                _ => null,
            };
            if (candidate is null)
            {
                continue;
            }

            if (quality > bestQuality || (quality == bestQuality && candidate == GraphQLResponse))
            {
                best = candidate;
                bestQuality = quality;
            }
        }

        return best;
    }

    public static bool IsUtf8(string? charset) =>
        charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
}
