using System.Buffers;

namespace Chatt.ChatApi.Common;

/// <summary>
/// What an id may look like. Server ids are 32 hex digits, but clients of the original app send their own
/// message ids (UUIDs), so any short token of URL-safe characters is accepted; anything else is malformed.
/// </summary>
public static class Ids
{
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    public static bool IsWellFormed(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && !id.AsSpan().ContainsAnyExcept(Allowed);

    /// <summary>Throws BAD_USER_INPUT naming the argument when <paramref name="id"/> is malformed.</summary>
    public static string Require(string? id, string argument) =>
        IsWellFormed(id) ? id! : throw ChatException.BadInput($"'{argument}' is not a valid id.");
}
