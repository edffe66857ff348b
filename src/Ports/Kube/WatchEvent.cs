namespace Vpce.Ports.Kube;

/// <summary>One change from a watch: the decoded object, or, when it does not decode, <see cref="Undecodable"/> in its place.
/// Exactly one of the two is set.</summary>
public sealed record WatchEvent<T> where T : class
{
    public WatchEvent(WatchEventKind kind, T @object)
    {
        Kind = kind;
        Object = @object;
    }

    public WatchEvent(WatchEventKind kind, UndecodableObject undecodable)
    {
        Kind = kind;
        Undecodable = undecodable;
    }

    public WatchEventKind Kind { get; }

    public T? Object { get; }

    public UndecodableObject? Undecodable { get; }
}
