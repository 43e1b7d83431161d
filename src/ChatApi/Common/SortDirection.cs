namespace Chatt.ChatApi.Common;

/// <summary>Creation order: ascending is oldest first (the original API's default).</summary>
public enum SortDirection
{
    Asc,
    Desc,
}
