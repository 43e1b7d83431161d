namespace Chatt.ChatApi.Common;

/// <summary>
/// What a list asks of a store: how many, which way, and where to continue (<see cref="AfterKey"/> is a key a
/// store returned as <see cref="Page{T}.NextKey"/>; a store rejects a malformed one with BAD_USER_INPUT).
/// </summary>
public sealed record PageRequest(int Limit, SortDirection Direction = SortDirection.Asc, string? AfterKey = null, Filter? Filter = null)
{
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 100;
}
