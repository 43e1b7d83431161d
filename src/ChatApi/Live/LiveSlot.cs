namespace Chatt.ChatApi.Live;

/// <summary>
/// Scoped (one per operation): how a live subscription field's resolver talks to the hub. When the hub executes a
/// subscriber's operation, the resolver authorizes it and leaves its <see cref="Source"/> and share key here; when
/// the hub renders one event, it sets <see cref="Event"/> (the resolver streams just that) and, for a shared render,
/// <see cref="Placeholders"/>, which per-caller fields fill instead of answering.
/// </summary>
public sealed class LiveSlot
{
    public ILiveSource? Source { get; set; }

    /// <summary>The key subscribers with the same selection share a render under; null: not shareable.</summary>
    public string? ShareKey { get; set; }

    public string? CallerId { get; set; }

    /// <summary>Set while rendering: the root value of the one event to resolve.</summary>
    public object? Event { get; set; }

    public PlaceholderList? Placeholders { get; set; }
}

/// <summary>Where per-caller fields of a shared render sit (path → the function that answers them).</summary>
public sealed class PlaceholderList : Dictionary<string, CallerValue>
{
    public new void Add(string path, CallerValue value) => this[path] = value;
}
