using Chatt.ChatApi.Conversations;

namespace Chatt.ChatApi.Storage;

/// <summary>How both stores write a <see cref="ConvoRole"/>: the API's names, so the data reads the same everywhere.</summary>
internal static class RoleNames
{
    public static string ToText(ConvoRole role) => role switch
    {
        ConvoRole.Owner => "OWNER",
        ConvoRole.Admin => "ADMIN",
        _ => "MEMBER",
    };

    /// <summary>Unknown text reads as the least privileged role: fail closed.</summary>
    public static ConvoRole Parse(string? text) => text switch
    {
        "OWNER" => ConvoRole.Owner,
        "ADMIN" => ConvoRole.Admin,
        _ => ConvoRole.Member,
    };
}
