namespace Chatt.ChatApi.Common;

/// <summary>
/// The one source of server-made ids: version-7 GUIDs (time-ordered, so B-tree inserts stay at the right edge),
/// written as 32 lowercase hex digits.
/// </summary>
public sealed class IdGenerator(TimeProvider time)
{
    public string NewId() => Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
}
